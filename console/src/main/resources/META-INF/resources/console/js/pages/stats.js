// Stats: a book's counts, assignments and redemptions over time as a chart (the stats read
// model's daily series), the redemption rate and the most frequent refusal reasons.
import uPlot from '../../../webjars/uplot/dist/uPlot.esm.js';
import {html, nothing, view, alert, every, count, percent, bookPicker, loadBooks, tableWrap, tiles} from '../ui.js';
import {get, query, segment} from '../api.js';

const REFRESH_MS = 5000;
const REFUSALS = 200;
const DAY_SECONDS = 86400;
const CHART_HEIGHT = 300;
const WHOLE_NUMBERS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7];

export function show(root, {params, signal}) {
    const bookId = params.get('book') || '';
    const page = view(root, template, {books: [], bookId, stats: null, refusals: null, error: null, updated: null});
    let chart = null;

    async function refresh() {
        try {
            const [stats, refusals] = await Promise.all([
                get(`/coupon-books/${segment(bookId)}/stats`, {signal}),
                get(`/transactions${query({couponBookId: bookId, status: 'REJECTED', size: REFUSALS})}`, {signal}),
            ]);
            page.set({stats, refusals, error: null, updated: new Date()});
            draw(series(stats.daily));
        } catch (error) {
            if (error.name === 'AbortError') {
                return false;
            }
            page.set({error});
            return error.code !== 'BOOK_NOT_FOUND';
        }
        return true;
    }

    function draw(data) {
        const box = root.querySelector('#stats-chart');
        if (!box || data[0].length === 0) {
            return;
        }
        if (chart && chart.root.isConnected) {
            chart.setData(data);
            return;
        }
        box.replaceChildren();
        chart = new uPlot({
            width: Math.max(280, box.clientWidth),
            height: CHART_HEIGHT,
            // Days are UTC days, as in the read model.
            tzDate: seconds => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
            // Half a day of room either side keeps the first and last date labels inside the chart.
            scales: {
                x: {time: true, range: (u, min, max) => [min - DAY_SECONDS / 2, max + DAY_SECONDS / 2]},
                y: {range: (u, min, max) => [0, Math.max(1, Math.ceil(max * 1.1))]},
            },
            legend: {live: false},
            series: [
                {label: 'Day'},
                {label: 'Assigned so far', stroke: '#0b5cad', fill: 'rgba(11, 92, 173, 0.12)', width: 2, points: {show: true}},
                {label: 'Redemptions so far', stroke: '#a34700', width: 3, dash: [8, 4], points: {show: true}},
            ],
            axes: [
                // One tick per day at most, labelled with the UTC date.
                {incrs: [DAY_SECONDS, 7 * DAY_SECONDS, 28 * DAY_SECONDS, 91 * DAY_SECONDS, 364 * DAY_SECONDS],
                    values: (u, ticks) => ticks.map(tick => new Date(tick * 1000).toISOString().slice(0, 10))},
                {label: 'Coupons', incrs: WHOLE_NUMBERS, values: (u, ticks) => ticks.map(tick => count(tick))},
            ],
        }, data, box);
        // Follows the width only, one frame later: resizing inside the observer's callback would loop.
        let width = box.clientWidth;
        const resize = new ResizeObserver(() => {
            if (box.clientWidth !== width) {
                width = box.clientWidth;
                requestAnimationFrame(() => chart.setSize({width: Math.max(280, width), height: CHART_HEIGHT}));
            }
        });
        resize.observe(box);
        signal.addEventListener('abort', () => {
            resize.disconnect();
            chart.destroy();
        });
    }

    function template(state) {
        return html`
            <h1 tabindex="-1">Stats</h1>
            <div class="inline-form">
                <div class="field">${bookPicker('stats-book', state.books, state.bookId,
                    picked => { location.hash = `#/stats${query({book: picked})}`; })}</div>
                ${state.updated ? html`<p class="muted">Updated ${state.updated.toISOString().slice(11, 19)} UTC, every ${REFRESH_MS / 1000} s.</p>` : nothing}
            </div>
            ${alert(state.error)}
            ${state.stats ? body(state.stats, state.refusals) : state.bookId && !state.error ? html`<p>Loading…</p>` : nothing}`;
    }

    function body(stats, refusals) {
        const counts = [['Codes', count(stats.totalCodes)], ['Available', count(stats.available)],
            ['Assigned', count(stats.assigned)], ['Locked', count(stats.locked)], ['Redeemed', count(stats.redeemed)],
            ['Redemptions', count(stats.redemptions)], ['Lock expiries', count(stats.lockExpiries)],
            ['Refusals', count(stats.rejections)], ['Redemption rate', percent(stats.redemptionRate)]];
        const data = series(stats.daily);
        return html`
            ${stats.rebuilding ? html`<p class="notice">This read model is being rebuilt; the numbers are still growing.</p>` : nothing}
            ${tiles('stats-tiles', counts)}
            <section aria-labelledby="chart-title">
                <h2 id="chart-title">Assigned and redeemed over time</h2>
                ${stats.daily.length === 0 ? html`<p>No assignments or redemptions yet.</p>` : html`
                    <figure class="chart">
                        <div id="stats-chart" role="img"
                             aria-label=${`Line chart: ${count(stats.assigned)} coupons assigned and ${count(stats.redemptions)} redemptions so far, by UTC day; the numbers are in the table below.`}></div>
                        <figcaption>Totals at the end of each UTC day. Locks are short-lived and are counted above, not per day.</figcaption>
                    </figure>
                    <details>
                        <summary>The numbers behind the chart</summary>
                        ${tableWrap('Daily activity', html`
                            <table id="daily">
                                <thead><tr><th scope="col">Day (UTC)</th><th scope="col" class="num">Assignments</th>
                                    <th scope="col" class="num">Redemptions</th><th scope="col" class="num">Assigned so far</th>
                                    <th scope="col" class="num">Redemptions so far</th></tr></thead>
                                <tbody>${stats.daily.map(day => {
                                    const at = data[0].indexOf(Date.parse(`${day.day}T00:00:00Z`) / 1000);
                                    return html`<tr><th scope="row">${day.day}</th><td class="num">${count(day.assignments)}</td>
                                        <td class="num">${count(day.redemptions)}</td><td class="num">${count(data[1][at])}</td>
                                        <td class="num">${count(data[2][at])}</td></tr>`;
                                })}</tbody>
                            </table>`)}
                    </details>`}
            </section>
            <section aria-labelledby="refusals-title">
                <h2 id="refusals-title">Top refusal reasons</h2>
                ${reasons(refusals)}
            </section>`;
    }

    loadBooks(signal).then(books => page.set({books}), error => error.name !== 'AbortError' && page.set({error}));
    if (bookId) {
        every(REFRESH_MS, signal, refresh);
    }
}

/** Refusals by reason, most frequent first, counted over the latest ones the log returns. */
function reasons(refusals) {
    if (!refusals || refusals.items.length === 0) {
        return html`<p>No refused attempts.</p>`;
    }
    const byReason = new Map();
    refusals.items.forEach(item => byReason.set(item.reason, (byReason.get(item.reason) || 0) + 1));
    const ranked = [...byReason.entries()].sort((a, b) => b[1] - a[1]);
    return html`
        ${refusals.hasNext ? html`<p class="muted">Counted over the latest ${REFUSALS} refusals.</p>` : nothing}
        ${tableWrap('Refusal reasons', html`
            <table id="refusal-reasons">
                <thead><tr><th scope="col">Reason</th><th scope="col" class="num">Refusals</th></tr></thead>
                <tbody>${ranked.map(([reason, times]) => html`<tr><td><code>${reason}</code></td><td class="num">${count(times)}</td></tr>`)}</tbody>
            </table>`)}`;
}

/**
 * The chart's columns: one point per UTC day from the day before the first activity until today,
 * with running totals, so a book active on one day still draws a line.
 */
function series(daily) {
    if (daily.length === 0) {
        return [[], [], []];
    }
    const byDay = new Map(daily.map(day => [Date.parse(`${day.day}T00:00:00Z`) / 1000, day]));
    const first = Math.min(...byDay.keys()) - DAY_SECONDS;
    const today = Math.floor(Date.now() / 1000 / DAY_SECONDS) * DAY_SECONDS;
    const last = Math.max(today, ...byDay.keys());
    const days = [];
    const assigned = [];
    const redeemed = [];
    let assignedSoFar = 0;
    let redeemedSoFar = 0;
    for (let day = first; day <= last; day += DAY_SECONDS) {
        const activity = byDay.get(day);
        assignedSoFar += activity ? activity.assignments : 0;
        redeemedSoFar += activity ? activity.redemptions : 0;
        days.push(day);
        assigned.push(assignedSoFar);
        redeemed.push(redeemedSoFar);
    }
    return [days, assigned, redeemed];
}
