// Operations: the event processors with their position, replaying a read model with its
// progress, parked events (dead letters) and the consistency check.
import {html, nothing, view, alert, announce, every, time, ago, count, many, tableWrap, progressBar} from '../ui.js';
import {get, post, query, segment} from '../api.js';
import {hasAnyRole} from '../session.js';

const REFRESH_MS = 2000;
const REPLAY_POLL_MS = 500;

export function show(root, {signal}) {
    const admin = hasAnyRole(['ADMIN']);
    const page = view(root, template, {
        projections: null, deadLetters: null, error: null, replays: {}, retried: null,
        report: null, checking: false, checkError: null,
    });

    async function refresh() {
        try {
            const [projections, deadLetters] = await Promise.all([
                get('/admin/projections', {signal}), get('/admin/dead-letters', {signal})]);
            page.set({projections, deadLetters, error: null});
        } catch (error) {
            if (error.name === 'AbortError') {
                return false;
            }
            page.set({error});
        }
        return true;
    }

    /**
     * Progress of a replay, by event time: from the first event read after the reset to the newest
     * one the processor had read before it.
     */
    async function replay(projection) {
        const name = projection.name;
        const target = newest(projection);
        setReplay(name, {target, from: null, at: null, done: false, error: null});
        try {
            await post(`/admin/projections/${segment(name)}/replay`);
            announce(`Replay of ${name} started.`);
        } catch (error) {
            setReplay(name, {...page.state.replays[name], error, done: true});
            return;
        }
        every(REPLAY_POLL_MS, signal, async () => {
            try {
                const status = await get(`/admin/projections/${segment(name)}`, {signal});
                const at = newest(status);
                const state = page.state.replays[name];
                const finished = !status.replaying && status.caughtUp;
                setReplay(name, {...state, from: state.from ?? at, at, done: finished});
                page.set({projections: page.state.projections.map(p => p.name === name ? status : p)});
                if (finished) {
                    announce(`Replay of ${name} finished.`);
                    return false;
                }
            } catch (error) {
                if (error.name !== 'AbortError') {
                    setReplay(name, {...page.state.replays[name], error, done: true});
                }
                return false;
            }
            return true;
        });
    }

    function setReplay(name, state) {
        page.set({replays: {...page.state.replays, [name]: state}});
    }

    async function retry(processor) {
        try {
            const result = await post(`/admin/dead-letters/${segment(processor)}/retry`);
            page.set({retried: result});
            announce(`${result.sequencesCleared} sequences of ${processor} cleared.`);
            refresh();
        } catch (error) {
            page.set({error});
        }
    }

    async function check(event) {
        event.preventDefault();
        const bookId = event.target.elements.bookId.value.trim();
        page.set({checking: true, checkError: null, report: null});
        try {
            const report = await get(`/admin/consistency${query({bookId})}`, {signal});
            page.set({report, checking: false});
            announce(report.consistent ? 'Consistent.' : 'Differences found.');
        } catch (error) {
            if (error.name !== 'AbortError') {
                page.set({checkError: error, checking: false});
            }
        }
    }

    function template(state) {
        return html`
            <h1 tabindex="-1">Operations</h1>
            ${alert(state.error)}
            ${admin ? html`${projectionSection(state)}${deadLetterSection(state)}` : nothing}
            ${consistencySection(state)}`;
    }

    function projectionSection({projections, replays}) {
        const now = Date.now();
        return html`
            <section aria-labelledby="projections-title">
                <h2 id="projections-title">Event processors</h2>
                ${projections === null ? html`<p>Loading…</p>` : tableWrap('Event processors', html`
                    <table id="projections">
                        <thead><tr><th scope="col">Processor</th><th scope="col">State</th>
                            <th scope="col">Position (newest event read)</th><th scope="col">Replay</th></tr></thead>
                        <tbody>${projections.map(projection => {
                            const replayState = replays[projection.name];
                            const position = newest(projection);
                            return html`<tr data-processor=${projection.name}>
                                <th scope="row"><code>${projection.name}</code></th>
                                <td>${stateOf(projection)}</td>
                                <td>${position ? html`${time(new Date(position).toISOString())} <span class="muted">(${ago(position, now)})</span>` : html`<span class="muted">no event yet</span>`}
                                    ${projection.segments.length > 1 ? html`<br><span class="muted">${projection.segments.length} segments</span>` : nothing}</td>
                                <td>${projection.replayable ? html`
                                    <button type="button" class="secondary" aria-label=${`Replay ${projection.name}`}
                                            ?disabled=${replayState && !replayState.done} @click=${() => replay(projection)}>Replay</button>
                                    ${replayState ? replayProgress(projection.name, replayState) : nothing}` : html`<span class="muted">not replayable</span>`}</td>
                            </tr>`;
                        })}</tbody>
                    </table>`)}
                <p class="muted">A replay drops the read model and rebuilds it from the whole event history; its reads keep
                    answering meanwhile and say that they are rebuilding.</p>
            </section>`;
    }

    function replayProgress(name, state) {
        if (state.error) {
            return alert(state.error);
        }
        const span = state.target && state.from !== null ? state.target - state.from : 0;
        const done = state.done ? 1 : span > 0 ? Math.max(0, (state.at - state.from) / span) : 0;
        return progressBar(`replay-${name}`, `Replay of ${name}`, Math.round(done * 1000), 1000);
    }

    function deadLetterSection({deadLetters, retried}) {
        const parked = (deadLetters || []).filter(group => group.events > 0);
        return html`
            <section aria-labelledby="dead-letters-title">
                <h2 id="dead-letters-title">Parked events (dead letters)</h2>
                ${retried ? html`<p class="notice">Retried ${retried.processor}: ${retried.sequencesCleared} sequences cleared, ${retried.eventsStillParked} events still parked.</p>` : nothing}
                ${deadLetters === null ? html`<p>Loading…</p>` : parked.length === 0 ? html`<p id="no-dead-letters">No parked events.</p>` : parked.map(group => html`
                    <div class="card">
                        <h3><code>${group.processor}</code>: ${count(group.events)} events in ${count(group.sequences)} sequences</h3>
                        ${tableWrap(`Parked events of ${group.processor}`, html`
                            <table>
                                <thead><tr><th scope="col">Event</th><th scope="col">Aggregate</th><th scope="col">Cause</th>
                                    <th scope="col">Parked</th><th scope="col" class="num">Retries</th></tr></thead>
                                <tbody>${group.parked.map(event => html`<tr>
                                    <td>${event.eventType}</td><td><code>${event.aggregateId || '–'}</code>${event.sequenceNumber != null ? ` #${event.sequenceNumber}` : ''}</td>
                                    <td>${event.cause}</td><td>${time(event.enqueuedAt)}</td><td class="num">${event.retries ?? 0}</td></tr>`)}</tbody>
                            </table>`)}
                        <button type="button" @click=${() => retry(group.processor)}>Retry ${group.processor} now</button>
                    </div>`)}
            </section>`;
    }

    function consistencySection({report, checking, checkError}) {
        return html`
            <section class="card" aria-labelledby="consistency-title">
                <h2 id="consistency-title">Consistency check</h2>
                <p>Recounts the event history and holds every read model and code pool against it; it reads the whole
                    event store, so it takes about as long as a replay.</p>
                <form class="inline-form" @submit=${check} aria-label="Consistency check">
                    <div class="field">
                        <label for="consistency-book">Book id (empty: every book)</label>
                        <input id="consistency-book" name="bookId" maxlength="200" spellcheck="false">
                    </div>
                    <button type="submit" ?disabled=${checking}>${checking ? 'Checking…' : 'Run the check'}</button>
                </form>
                ${alert(checkError)}
                ${report ? consistencyReport(report) : nothing}
            </section>`;
    }

    if (admin) {
        every(REFRESH_MS, signal, refresh);
    }
}

function consistencyReport(report) {
    return html`
        <p id="consistency-result" class=${report.consistent ? 'ok' : 'alert'}>
            <strong>${report.consistent ? 'Consistent' : 'Differences found'}</strong>:
            ${report.scope}, ${many(report.eventsRead, 'event')} read, ${many(report.books, 'book')}, ${many(report.codes, 'code')},
            checked ${time(report.checkedAt)}${report.storeChangedDuringCheck ? '; events arrived during the check, run it again' : ''}.</p>
        ${tableWrap('Checks', html`
            <table id="consistency-checks">
                <thead><tr><th scope="col">Check</th><th scope="col" class="num">Compared</th>
                    <th scope="col" class="num">Differences</th><th scope="col">Skipped because</th></tr></thead>
                <tbody>${report.checks.map(item => html`<tr><th scope="row">${item.name}</th><td class="num">${count(item.compared)}</td>
                    <td class="num">${count(item.mismatches)}</td><td>${item.skipped || '–'}</td></tr>`)}</tbody>
            </table>`)}
        ${report.findings.length ? tableWrap('Differences', html`
            <table>
                <caption>Differences${report.findingsTruncated ? ' (first ones only)' : ''}</caption>
                <thead><tr><th scope="col">Check</th><th scope="col">Subject</th><th scope="col">Field</th>
                    <th scope="col">History says</th><th scope="col">Store holds</th></tr></thead>
                <tbody>${report.findings.map(finding => html`<tr><td>${finding.check}</td><td><code>${finding.subject}</code></td>
                    <td>${finding.field}</td><td>${finding.expected}</td><td>${finding.actual}</td></tr>`)}</tbody>
            </table>`) : nothing}`;
}

/** The newest event time any segment of a processor has read, in milliseconds. */
function newest(projection) {
    const positions = projection.segments.map(segment => segment.position).filter(Boolean).map(at => new Date(at).getTime());
    return positions.length ? Math.max(...positions) : null;
}

function stateOf(projection) {
    if (projection.error) {
        return html`<span class="badge badge-inactive">error</span> ${projection.segments.map(s => s.error).filter(Boolean).join('; ')}`;
    }
    if (!projection.running) {
        return html`<span class="badge badge-inactive">stopped</span>`;
    }
    if (projection.replaying) {
        return html`<span class="badge badge-not-started">replaying</span>`;
    }
    return projection.caughtUp ? html`<span class="badge badge-active">caught up</span>`
        : html`<span class="badge badge-not-started">behind</span>`;
}
