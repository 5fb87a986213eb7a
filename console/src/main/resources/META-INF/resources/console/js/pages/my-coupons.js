// My coupons: what a USER may see here; the admin pages are not shown to this role.
import {html, view, alert, time, count, tableWrap} from '../ui.js';
import {get} from '../api.js';

export function show(root, {signal}) {
    const page = view(root, template, {coupons: null, error: null});

    get('/me/coupons?size=200', {signal}).then(coupons => page.set({coupons}),
        error => error.name !== 'AbortError' && page.set({error}));

    function template({coupons, error}) {
        return html`
            <h1 tabindex="-1">My coupons</h1>
            <p>The console's other pages are for admins, auditors and analysts. Your coupons are assigned, locked and
                redeemed by the shop or app you use, through the API.</p>
            ${alert(error)}
            ${coupons === null ? (error ? '' : html`<p>Loading…</p>`) : coupons.items.length === 0 ? html`<p>You hold no coupons.</p>` :
                tableWrap('My coupons', html`
                    <table id="my-coupons">
                        <thead><tr><th scope="col">Code</th><th scope="col">Book</th><th scope="col">Status</th>
                            <th scope="col">Assigned</th><th scope="col" class="num">Redemptions</th></tr></thead>
                        <tbody>${coupons.items.map(coupon => html`<tr><td><code>${coupon.code}</code></td><td><code>${coupon.bookId}</code></td>
                            <td>${coupon.status}</td><td>${time(coupon.assignedAt)}</td><td class="num">${count(coupon.redemptionCount)}</td></tr>`)}</tbody>
                    </table>`)}`;
    }
}
