// One book: its terms (admins edit them and switch the book on or off), its counts, code uploads
// and generation jobs with their progress.
import {html, nothing, view, alert, announce, every, sleep, time, bookWindow, count, stateBadge, tableWrap, tiles, progressBar} from '../ui.js';
import {get, post, patch, upload, segment} from '../api.js';
import {hasAnyRole} from '../session.js';
import {termsFields, termsFrom} from './terms.js';

const JOB_POLL_MS = 500;

export function show(root, {id, signal}) {
    const admin = hasAnyRole(['ADMIN']);
    const path = `/coupon-books/${segment(id)}`;
    const page = view(root, template, {
        book: null, stats: null, error: null, busy: false, notice: null,
        editError: null, upload: null, job: null, jobError: null,
    });

    /** A book created a moment ago may not be in the read model yet: ask again for a few seconds. */
    async function load() {
        for (let attempt = 0; ; attempt++) {
            try {
                const book = await get(path, {signal});
                page.set({book, error: null});
                break;
            } catch (error) {
                if (error.name === 'AbortError') {
                    return;
                }
                if (error.code !== 'BOOK_NOT_FOUND' || attempt >= 40) {
                    page.set({error});
                    return;
                }
                await sleep(250);
            }
        }
        loadStats();
    }

    /** After a change of this page's own, {@code waitMs} lets the counts include it (read-your-writes). */
    async function loadStats(afterWrite = false) {
        try {
            page.set({stats: await get(`${path}/stats${afterWrite ? '?waitMs=5000' : ''}`, {signal})});
        } catch (error) {
            if (error.name !== 'AbortError') {
                page.set({error});
            }
        }
    }

    async function toggle() {
        const activate = !page.state.book.active;
        page.set({busy: true, error: null});
        try {
            const answer = await post(`${path}/${activate ? 'activate' : 'deactivate'}`);
            page.set({busy: false, book: {...page.state.book, active: answer.active}, notice: `The book is now ${answer.active ? 'active' : 'inactive'}.`});
            announce(page.state.notice);
        } catch (error) {
            page.set({busy: false, error});
        }
    }

    async function edit(event) {
        event.preventDefault();
        const changes = termsFrom(event.target, page.state.book.terms);
        if (Object.keys(changes).length === 0) {
            page.set({editError: new Error('Nothing changed.')});
            return;
        }
        page.set({busy: true, editError: null});
        try {
            const answer = await patch(path, changes);
            page.set({busy: false, book: {...page.state.book, terms: answer.terms}, notice: 'Terms saved.'});
            announce('Terms saved.');
            event.target.closest('details').open = false;
        } catch (error) {
            page.set({busy: false, editError: error});
        }
    }

    function dropped(event) {
        event.preventDefault();
        event.currentTarget.classList.remove('drag-over');
        const file = event.dataTransfer.files[0];
        if (file) {
            send(file);
        }
    }

    function over(event) {
        event.preventDefault();
        event.currentTarget.classList.add('drag-over');
    }

    async function send(file) {
        const json = file.type === 'application/json' || file.name.toLowerCase().endsWith('.json');
        page.set({upload: {file: file.name, sent: 0, total: file.size, result: null, error: null}});
        try {
            const result = await upload(`${path}/codes`, file, json ? 'application/json' : 'text/csv',
                (sent, total) => page.set({upload: {...page.state.upload, sent, total}}));
            page.set({upload: {...page.state.upload, sent: page.state.upload.total, result}});
            announce(`Upload done: ${result.accepted} codes accepted, ${result.rejected} rejected.`);
            refreshCounts();
        } catch (error) {
            page.set({upload: {...page.state.upload, error}});
        }
    }

    async function generate(event) {
        event.preventDefault();
        const fields = event.target.elements;
        const body = {count: Number(fields.count.value)};
        if (fields.pattern.value.trim()) {
            body.pattern = fields.pattern.value.trim();
        }
        page.set({jobError: null, job: null});
        try {
            const accepted = await post(`${path}/generation-jobs`, body);
            page.set({job: {...accepted, generated: 0}});
            announce(`Generation job started for ${count(accepted.requested)} codes.`);
            follow(accepted.jobId);
        } catch (error) {
            page.set({jobError: error});
        }
    }

    /** Polls the job until it completes or fails; right after the 202 it may not be known yet. */
    function follow(jobId) {
        every(JOB_POLL_MS, signal, async () => {
            try {
                const job = await get(`${path}/generation-jobs/${segment(jobId)}`, {signal});
                page.set({job});
                if (job.status === 'COMPLETED' || job.status === 'FAILED') {
                    announce(job.status === 'COMPLETED' ? `Generation complete: ${count(job.generated)} codes.`
                        : `Generation failed: ${job.failureReason}`);
                    refreshCounts();
                    return false;
                }
            } catch (error) {
                if (error.name === 'AbortError') {
                    return false;
                }
                if (error.code !== 'GENERATION_JOB_NOT_FOUND') {
                    page.set({jobError: error});
                    return false;
                }
            }
            return true;
        });
    }

    async function refreshCounts() {
        try {
            const book = await get(path, {signal});
            page.set({book});
        } catch (error) {
            // The counts below still refresh; the next visit reads the book again.
        }
        loadStats(true);
    }

    function template(state) {
        const {book, error} = state;
        if (!book) {
            return html`<h1 tabindex="-1">Coupon book</h1>${error ? alert(error) : html`<p>Loading the book…</p>`}`;
        }
        return html`
            <p class="crumbs"><a href="#/books">Coupon books</a></p>
            <h1 tabindex="-1">${book.terms.name} ${stateBadge(book)}</h1>
            ${alert(error)}
            ${state.notice ? html`<p class="notice">${state.notice}</p>` : nothing}
            <p class="links">
                ${hasAnyRole(['ADMIN', 'ANALYST']) ? html`<a href=${`#/stats?book=${segment(book.bookId)}`}>Statistics</a>` : nothing}
                ${admin ? html`<a href=${`#/codes?book=${segment(book.bookId)}`}>Codes</a>
                    <a href=${`#/timeline?book=${segment(book.bookId)}`}>Timeline</a>` : nothing}
            </p>
            ${terms(state)}
            ${counts(state.stats)}
            ${admin ? uploadSection(state.upload) : nothing}
            ${admin ? generationSection(state) : nothing}`;
    }

    function terms({book, busy, editError}) {
        const t = book.terms;
        return html`
            <section class="card" aria-labelledby="terms-title">
                <h2 id="terms-title">Terms</h2>
                <dl class="facts">
                    <dt>Book id</dt><dd><code>${book.bookId}</code></dd>
                    <dt>Description</dt><dd>${t.description || html`<span class="muted">–</span>`}</dd>
                    <dt>Window</dt><dd>${bookWindow(t)}</dd>
                    <dt>Codes per user</dt><dd>${t.maxCodesPerUser ?? 'unlimited'}</dd>
                    <dt>Redemptions</dt><dd>${t.allowMultipleRedemptions ? `several, up to ${t.maxRedemptionsPerUser ?? 'unlimited'} per user` : 'once per coupon'}</dd>
                    <dt>Code pattern</dt><dd><code>${t.codePattern || '#{10}'}</code></dd>
                    <dt>Created</dt><dd>${time(book.createdAt)}</dd>
                </dl>
                ${admin ? html`
                    <button type="button" id="toggle-active" ?disabled=${busy} @click=${toggle}>${book.active ? 'Deactivate' : 'Activate'}</button>
                    <details ?open=${editError !== null}>
                        <summary>Edit terms</summary>
                        <form @submit=${edit} aria-label="Edit terms">
                            ${termsFields('edit', t)}
                            <p class="muted">Only changed fields are sent; a field once set cannot be emptied.</p>
                            ${alert(editError)}
                            <button type="submit" ?disabled=${busy}>Save terms</button>
                        </form>
                    </details>` : nothing}
            </section>`;
    }

    function counts(stats) {
        if (!stats) {
            return nothing;
        }
        return html`
            <section aria-labelledby="counts-title">
                <h2 id="counts-title">Counts</h2>
                ${tiles('book-counts', [['Codes', stats.totalCodes], ['Available', stats.available], ['Assigned', stats.assigned],
                    ['Locked', stats.locked], ['Redeemed', stats.redeemed], ['Redemptions', stats.redemptions]]
                    .map(([label, value]) => [label, count(value)]))}
            </section>`;
    }

    function uploadSection(state) {
        return html`
            <section class="card" aria-labelledby="upload-title">
                <h2 id="upload-title">Upload codes</h2>
                <div class="drop-zone" id="drop-zone" @dragover=${over} @dragleave=${event => event.currentTarget.classList.remove('drag-over')} @drop=${dropped}>
                    <p>Drop a file here: one code per line (CSV or text, no header), or a JSON array of strings.</p>
                    <label for="code-file">Or choose a file</label>
                    <input id="code-file" type="file" accept=".csv,.txt,.json,text/csv,text/plain,application/json"
                           @change=${event => event.target.files[0] && send(event.target.files[0])}>
                </div>
                ${state ? html`
                    ${progressBar('upload-progress', `Sending ${state.file}`, state.sent, state.total)}
                    ${!state.result && !state.error && state.sent >= state.total ? html`<p>Adding the codes…</p>` : nothing}
                    ${alert(state.error)}
                    ${state.result ? uploadResult(state.result) : nothing}` : nothing}
            </section>`;
    }

    function uploadResult(result) {
        return html`
            <p id="upload-result" role="status">Received ${count(result.received)}, accepted <strong>${count(result.accepted)}</strong>,
                rejected <strong>${count(result.rejected)}</strong>.
                ${result.complete ? nothing : html`<strong>The file broke off; codes after the error were not read.</strong>`}</p>
            ${result.errors.length ? tableWrap('Rejected codes', html`
                <table id="upload-errors">
                    <caption>Rejected codes${result.errorsOmitted ? ` (first ${result.errors.length}; ${count(result.errorsOmitted)} more not listed)` : ''}</caption>
                    <thead><tr><th scope="col" class="num">Line</th><th scope="col">Code</th><th scope="col">Reason</th></tr></thead>
                    <tbody>${result.errors.map(error => html`
                        <tr><td class="num">${error.position}</td><td><code>${error.code}</code></td><td>${error.reason}</td></tr>`)}</tbody>
                </table>`) : nothing}`;
    }

    function generationSection({book, job, jobError}) {
        const running = job && job.status !== 'COMPLETED' && job.status !== 'FAILED';
        return html`
            <section class="card" aria-labelledby="generation-title">
                <h2 id="generation-title">Generate codes</h2>
                <form @submit=${generate} class="inline-form" aria-label="Generate codes">
                    <div class="field">
                        <label for="generate-count">How many codes</label>
                        <input id="generate-count" name="count" type="number" min="1" max="10000000" step="1" required>
                    </div>
                    <div class="field">
                        <label for="generate-pattern">Pattern (empty: the book's)</label>
                        <input id="generate-pattern" name="pattern" maxlength="100" spellcheck="false" placeholder=${book.terms.codePattern || '#{10}'}>
                    </div>
                    <button type="submit" ?disabled=${running}>Start generation</button>
                </form>
                ${alert(jobError)}
                ${job ? html`
                    ${progressBar('generation-progress', 'Generation job', job.generated || 0, job.requested)}
                    <p id="generation-status">Job <code>${job.jobId}</code>: <strong>${job.status}</strong>,
                        ${count(job.generated || 0)} of ${count(job.requested)} codes${job.failureReason ? html`; ${job.failureReason}` : nothing}.</p>` : nothing}
            </section>`;
    }

    load();
}
