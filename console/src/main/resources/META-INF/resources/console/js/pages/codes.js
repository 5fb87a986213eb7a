// Codes: look a code up (status, holder, history) and browse or export a book's codes.
import {html, nothing, view, alert, announce, time, count, many, pager, bookPicker, loadBooks, tableWrap} from '../ui.js';
import {get, download, query, segment} from '../api.js';

const PAGE_SIZE = 50;

export function show(root, {params, signal}) {
    const page = view(root, template, {
        code: params.get('code') || '', found: null, findError: null,
        books: [], book: params.get('book') || '', number: 0, codes: null, listError: null, exporting: false,
    });

    async function find(code) {
        page.set({code, found: null, findError: null});
        try {
            page.set({found: await get(`/coupons/${segment(code)}`, {signal})});
        } catch (error) {
            if (error.name !== 'AbortError') {
                page.set({findError: error});
            }
        }
    }

    async function list(book, number) {
        page.set({book, number, codes: null, listError: null});
        if (!book) {
            return;
        }
        try {
            page.set({codes: await get(`/coupon-books/${segment(book)}/codes${query({page: number, size: PAGE_SIZE})}`, {signal})});
        } catch (error) {
            if (error.name !== 'AbortError') {
                page.set({listError: error});
            }
        }
    }

    async function exportCsv() {
        page.set({exporting: true, listError: null});
        try {
            await download(`/coupon-books/${segment(page.state.book)}/codes/downloads`, `codes-${page.state.book}.csv`);
            announce('The CSV file was handed to your browser.');
        } catch (error) {
            page.set({listError: error});
        }
        page.set({exporting: false});
    }

    function template(state) {
        return html`
            <h1 tabindex="-1">Codes</h1>
            <section class="card" aria-labelledby="find-title">
                <h2 id="find-title">Find a code</h2>
                <form class="inline-form" role="search" aria-label="Find a code" @submit=${event => {
                    event.preventDefault();
                    find(event.target.elements.code.value.trim());
                }}>
                    <div class="field">
                        <label for="find-code">Code (case matters)</label>
                        <input id="find-code" name="code" required maxlength="64" spellcheck="false" autocomplete="off" .value=${state.code}>
                    </div>
                    <button type="submit">Find</button>
                </form>
                ${alert(state.findError)}
                ${state.found ? found(state.found) : nothing}
            </section>
            <section class="card" aria-labelledby="book-codes-title">
                <h2 id="book-codes-title">Codes of a book</h2>
                <div class="inline-form">
                    <div class="field">${bookPicker('codes-book', state.books, state.book, book => list(book, 0))}</div>
                    <button type="button" id="export-csv" ?disabled=${!state.book || state.exporting} @click=${exportCsv}>
                        ${state.exporting ? 'Exporting…' : 'Export as CSV'}</button>
                </div>
                ${alert(state.listError)}
                ${state.codes ? codeTable(state.codes) : nothing}
            </section>`;
    }

    function found(code) {
        return html`
            <dl class="facts" id="code-found">
                <dt>Code</dt><dd><code>${code.code}</code></dd>
                <dt>Book</dt><dd><a href=${`#/books/${segment(code.bookId)}`}><code>${code.bookId}</code></a></dd>
                <dt>Status</dt><dd><strong data-testid="code-status">${code.status}</strong></dd>
                <dt>Holder</dt><dd>${code.userId ? html`<code data-testid="code-holder">${code.userId}</code>` : html`<span class="muted">nobody</span>`}</dd>
                <dt>Assigned</dt><dd>${time(code.assignedAt)}</dd>
                <dt>Locked until</dt><dd>${time(code.lockedUntil)}</dd>
                <dt>Redemptions</dt><dd>${count(code.redemptions)}</dd>
            </dl>
            <p><a href=${`#/timeline?code=${segment(code.code)}`}>Open its history</a></p>`;
    }

    function codeTable(codes) {
        const pages = Math.max(1, Math.ceil(codes.total / PAGE_SIZE));
        return html`
            ${tableWrap('Codes of the book', html`
                <table>
                    <caption class="visually-hidden">Codes, page ${codes.page + 1} of ${pages}</caption>
                    <thead><tr><th scope="col">Code</th><th scope="col">Status</th><th scope="col">Holder</th>
                        <th scope="col">Assigned</th><th scope="col" class="num">Redemptions</th></tr></thead>
                    <tbody>${codes.items.map(code => html`<tr>
                        <td><a href=${`#/codes${query({code: code.code, book: page.state.book})}`}><code>${code.code}</code></a></td>
                        <td>${code.status}</td><td>${code.userId ? html`<code>${code.userId}</code>` : html`<span class="muted">–</span>`}</td>
                        <td>${time(code.assignedAt)}</td><td class="num">${count(code.redemptions)}</td></tr>`)}</tbody>
                </table>`)}
            ${pager('Pages of codes', codes.page, pages, many(codes.total, 'code'), number => list(page.state.book, number))}`;
    }

    loadBooks(signal).then(books => page.set({books}), error => error.name !== 'AbortError' && page.set({listError: error}));
    if (page.state.code) {
        find(page.state.code);
    }
    if (page.state.book) {
        list(page.state.book, 0);
    }
}
