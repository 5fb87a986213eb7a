// A coupon's life: the stored events of a code, a book or a user's wallet in one book, oldest
// first, with the refused attempts from the transaction log, who caused each and why.
import {html, nothing, view, alert, time} from '../ui.js';
import {get, query} from '../api.js';

const EVENTS_PER_PAGE = 1000;
const MAX_EVENTS = 5000;
const REFUSALS = 200;

export function show(root, {params, signal}) {
    const subject = {code: params.get('code') || '', book: params.get('book') || '', user: params.get('user') || ''};
    const kind = subject.code ? 'code' : subject.user ? 'wallet' : 'book';
    const page = view(root, template, {kind, subject, entries: null, truncated: false, error: null, open: {}});

    async function load() {
        const aggregateId = kind === 'code' ? `coupon:${subject.code}`
            : kind === 'wallet' ? `wallet:${subject.book}:${subject.user}` : `book:${subject.book}`;
        const refusalFilter = kind === 'code' ? {code: subject.code}
            : kind === 'wallet' ? {couponBookId: subject.book, userId: subject.user} : {couponBookId: subject.book};
        try {
            const [events, refusals] = await Promise.all([
                history(aggregateId),
                get(`/transactions${query({...refusalFilter, status: 'REJECTED', size: REFUSALS})}`, {signal}),
            ]);
            const entries = [...events.list.map(fromEvent), ...refusals.items.map(fromRefusal)]
                .sort((a, b) => a.at - b.at || a.order - b.order);
            page.set({entries, truncated: events.more || refusals.hasNext});
        } catch (error) {
            if (error.name !== 'AbortError') {
                page.set({error});
            }
        }
    }

    async function history(aggregateId) {
        const list = [];
        let after = null;
        do {
            const answer = await get(`/audit/events${query({aggregateId, after, limit: EVENTS_PER_PAGE})}`, {signal});
            list.push(...answer.events);
            after = answer.next;
        } while (after && list.length < MAX_EVENTS);
        return {list, more: Boolean(after)};
    }

    function pick(event) {
        event.preventDefault();
        const fields = event.target.elements;
        const chosen = fields.kind.value;
        const target = `#/timeline${query(chosen === 'code' ? {code: fields.code.value.trim()}
            : {book: fields.book.value.trim(), user: chosen === 'wallet' ? fields.user.value.trim() : null})}`;
        if (location.hash === target) {
            page.set({entries: null, error: null});
            load();
        } else {
            location.hash = target;
        }
    }

    function template(state) {
        return html`
            <h1 tabindex="-1">Timeline</h1>
            <form class="card" @submit=${pick} aria-label="Whose history">
                <fieldset>
                    <legend>Whose history</legend>
                    <div class="choices" @change=${event => page.set({kind: event.target.value})}>
                        ${[['code', 'A code'], ['book', 'A book'], ['wallet', 'A user\'s wallet in a book']].map(([value, label]) => html`
                            <span class="check"><input type="radio" name="kind" id=${`kind-${value}`} value=${value} .checked=${state.kind === value}>
                            <label for=${`kind-${value}`}>${label}</label></span>`)}
                    </div>
                </fieldset>
                <div class="inline-form">
                    ${state.kind === 'code' ? html`
                        <div class="field"><label for="timeline-code">Code</label>
                            <input id="timeline-code" name="code" required maxlength="64" spellcheck="false" .value=${state.subject.code}></div>` : html`
                        <div class="field"><label for="timeline-book">Book id</label>
                            <input id="timeline-book" name="book" required maxlength="200" spellcheck="false" .value=${state.subject.book}></div>`}
                    ${state.kind === 'wallet' ? html`
                        <div class="field"><label for="timeline-user">User id</label>
                            <input id="timeline-user" name="user" required maxlength="128" spellcheck="false" .value=${state.subject.user}></div>` : nothing}
                    <button type="submit">Show history</button>
                </div>
            </form>
            ${alert(state.error)}
            ${entries(state)}`;
    }

    function entries({entries: list, truncated, open}) {
        if (list === null) {
            return subject.code || subject.book ? html`<p>Loading the history…</p>` : nothing;
        }
        if (list.length === 0) {
            return html`<p>No events recorded for this ${kind === 'wallet' ? 'wallet' : kind}.</p>`;
        }
        return html`
            <p>${list.length} entries, oldest first${truncated ? '; more exist than are shown here' : ''}.</p>
            <ol class="timeline" id="timeline">
                ${list.map(entry => html`
                    <li class=${entry.rejected ? 'entry rejected' : 'entry'}>
                        <div class="entry-head">
                            <span class="entry-type">${entry.rejected ? html`<span class="badge badge-refused">Refused</span>` : nothing} ${entry.title}</span>
                            ${time(entry.at)}
                        </div>
                        ${entry.reason ? html`<p class="reason">Why: <code>${entry.reason}</code></p>` : nothing}
                        ${entry.facts.length ? html`<p class="entry-facts">${entry.facts.join(' · ')}</p>` : nothing}
                        <p class="entry-meta">By <code>${entry.who || 'the service'}</code>${entry.roles ? ` (${entry.roles})` : ''}
                            ${entry.client ? html` · client ${entry.client}` : nothing}
                            ${entry.correlationId ? html` · correlation <code>${entry.correlationId}</code>` : nothing}</p>
                        <details @toggle=${event => page.set({open: {...page.state.open, [entry.id]: event.target.open}})}>
                            <summary>Raw ${entry.rejected ? 'log entry' : 'event'}</summary>
                            ${open[entry.id] ? html`<pre>${JSON.stringify(entry.raw, null, 2)}</pre>` : nothing}
                        </details>
                    </li>`)}
            </ol>`;
    }

    if (subject.code || subject.book) {
        load();
    }
}

function fromEvent(event, index) {
    const meta = event.metadata || {};
    return {
        id: event.eventId, at: new Date(event.timestamp).getTime(), order: index, rejected: false,
        title: words(event.type.split('.').pop()), reason: null, facts: facts(event.payload),
        who: meta.userId, roles: Array.isArray(meta.roles) ? meta.roles.join(', ') : meta.roles,
        client: meta.client, correlationId: meta.correlationId, raw: event,
    };
}

function fromRefusal(entry, index) {
    return {
        id: entry.transactionId, at: new Date(entry.at).getTime(), order: MAX_EVENTS + index, rejected: true,
        title: `${words(entry.action.toLowerCase())} attempt`, reason: entry.reason,
        facts: [entry.code && `code ${entry.code}`, entry.userId && `for ${entry.userId}`].filter(Boolean),
        who: entry.issuedBy, roles: null, client: entry.client, correlationId: entry.correlationId, raw: entry,
    };
}

/** The payload's plain fields in a line; lists are counted, nested objects stay in the raw view. */
function facts(payload) {
    return Object.entries(payload || {}).flatMap(([name, value]) => {
        if (Array.isArray(value)) {
            return [`${value.length} ${name}`];
        }
        if (value === null || typeof value === 'object') {
            return [];
        }
        return [`${name} ${value}`];
    });
}

/** "CouponLockExpired" → "Coupon lock expired"; "lock_expiry" → "Lock expiry". */
function words(name) {
    const spaced = name.replace(/_/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
    return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
