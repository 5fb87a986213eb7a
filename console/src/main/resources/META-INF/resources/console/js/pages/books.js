// Books: every book with its state, window and counts; admins create new ones here.
import {html, nothing, view, alert, announce, bookWindow, count, many, pager, stateBadge, tableWrap} from '../ui.js';
import {get, post, query, segment} from '../api.js';
import {hasAnyRole} from '../session.js';
import {termsFields, termsFrom} from './terms.js';

const PAGE_SIZE = 20;

export function show(root, {params, signal}) {
    const admin = hasAnyRole(['ADMIN']);
    const page = view(root, template, {
        number: Math.max(0, Number(params.get('page')) || 0), books: null, stats: {}, total: 0,
        error: null, createError: null, creating: false,
    });

    async function load() {
        try {
            const answer = await get(`/coupon-books${query({page: page.state.number, size: PAGE_SIZE})}`, {signal});
            page.set({books: answer.items, total: answer.total, error: null});
            // Counts come from each book's statistics; they fill in as they arrive.
            answer.items.forEach(book => get(`/coupon-books/${segment(book.bookId)}/stats`, {signal})
                .then(stats => page.set({stats: {...page.state.stats, [book.bookId]: stats}}), () => {}));
        } catch (error) {
            if (error.name !== 'AbortError') {
                page.set({error});
            }
        }
    }

    async function create(event) {
        event.preventDefault();
        const form = event.target;
        page.set({creating: true, createError: null});
        try {
            const body = termsFrom(form, null);
            body.active = form.elements.active.checked;
            const created = await post('/coupon-books', body);
            announce(`Book ${created.terms.name} created.`);
            location.hash = `#/books/${segment(created.bookId)}`;
        } catch (error) {
            page.set({creating: false, createError: error});
        }
    }

    function turn(number) {
        location.hash = `#/books${query({page: number || null})}`;
    }

    function template({number, books, stats, total, error, createError, creating}) {
        const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
        return html`
            <h1 tabindex="-1">Coupon books</h1>
            ${admin ? html`
                <details class="card" ?open=${createError !== null}>
                    <summary>New book</summary>
                    <form id="new-book" @submit=${create} aria-label="New book">
                        ${termsFields('new', null)}
                        <div class="check">
                            <input id="new-active" name="active" type="checkbox" checked>
                            <label for="new-active">Active from the start</label>
                        </div>
                        ${alert(createError)}
                        <button type="submit" ?disabled=${creating}>Create book</button>
                    </form>
                </details>` : nothing}
            ${alert(error)}
            ${books === null ? html`<p>Loading books…</p>` : books.length === 0 ? html`<p>No books yet.</p>` : html`
                ${tableWrap('Coupon books', html`
                    <table id="books">
                        <caption class="visually-hidden">Coupon books, page ${number + 1} of ${pages}</caption>
                        <thead><tr>
                            <th scope="col">Name</th><th scope="col">State</th><th scope="col">Window</th>
                            <th scope="col" class="num">Codes</th><th scope="col" class="num">Assigned</th>
                            <th scope="col" class="num">Redeemed</th><th scope="col" class="num">Redemption rate</th>
                        </tr></thead>
                        <tbody>
                        ${books.map(book => {
                            const counts = stats[book.bookId];
                            return html`<tr>
                                <th scope="row"><a href=${`#/books/${segment(book.bookId)}`}>${book.terms.name}</a></th>
                                <td>${stateBadge(book)}</td>
                                <td>${bookWindow(book.terms)}</td>
                                <td class="num">${count(book.totalCodes)}</td>
                                <td class="num">${counts ? count(counts.assigned) : '…'}</td>
                                <td class="num">${counts ? count(counts.redeemed) : '…'}</td>
                                <td class="num">${counts ? `${(100 * counts.redemptionRate).toFixed(1)} %` : '…'}</td>
                            </tr>`;
                        })}
                        </tbody>
                    </table>`)}
                ${pages === 1 ? nothing : pager('Pages of books', number, pages, many(total, 'book'), turn)}`}`;
    }

    load();
}
