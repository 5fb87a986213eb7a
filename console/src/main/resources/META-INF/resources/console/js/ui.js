// Small shared pieces of the pages: rendering, polling, formatting, the book picker.
import {html, nothing, render} from '../../webjars/lit-html/lit-html.js';
import {get} from './api.js';

export {html, nothing};

/**
 * A page's state and its one template: {@code set(patch)} merges the patch and renders again;
 * lit-html changes only the parts of the DOM whose values changed, so focus and typing survive.
 */
export function view(container, template, initial = {}) {
    const state = {...initial};
    const draw = () => render(template(state), container);
    draw();
    return {
        state, draw,
        set(patch) {
            Object.assign(state, patch);
            draw();
        },
    };
}

/** Runs {@code task} now and then every {@code ms} until it returns false or the page is left. */
export function every(ms, signal, task) {
    let timer = null;
    const run = async () => {
        if (signal.aborted) {
            return;
        }
        const again = await task();
        if (again !== false && !signal.aborted) {
            timer = setTimeout(run, ms);
        }
    };
    signal.addEventListener('abort', () => clearTimeout(timer));
    run();
}

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Tells screen-reader users what changed without moving their focus. */
export function announce(text) {
    const region = document.getElementById('announcer');
    region.textContent = '';
    setTimeout(() => { region.textContent = text; }, 50);
}

/** An API error as a message that screen readers announce. */
export function alert(error) {
    if (!error) {
        return nothing;
    }
    return html`<p class="alert" role="alert">${error.message}${error.code ? html` <code>${error.code}</code>` : nothing}</p>`;
}

/** An instant in UTC, e.g. "2026-05-01 12:00:03 UTC", as a machine-readable time element. */
export function time(instant) {
    if (!instant) {
        return html`<span class="muted">–</span>`;
    }
    const date = new Date(instant);
    const text = `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
    return html`<time datetime=${date.toISOString()}>${text}</time>`;
}

/** How long ago an instant was, in words: "3 s ago", "5 min ago". */
export function ago(instant, now = Date.now()) {
    const seconds = Math.max(0, Math.round((now - new Date(instant).getTime()) / 1000));
    if (seconds < 120) {
        return `${seconds} s ago`;
    }
    if (seconds < 7200) {
        return `${Math.round(seconds / 60)} min ago`;
    }
    return `${Math.round(seconds / 3600)} h ago`;
}

/** A book's window in words: from its start (or always) until its end (or open-ended). */
export function bookWindow(terms) {
    if (!terms.startDate && !terms.endDate) {
        return html`<span class="muted">no limits</span>`;
    }
    return html`${terms.startDate ? time(terms.startDate) : 'from the start'} – ${terms.endDate ? time(terms.endDate) : 'open-ended'}`;
}

export const count = value => (value ?? 0).toLocaleString('en');

/** "1 book", "3 books". */
export const many = (value, noun) => `${count(value)} ${noun}${value === 1 ? '' : 's'}`;

export const percent = ratio => `${(100 * (ratio || 0)).toFixed(1)} %`;

/** A book's state now: inactive, before its window, after it, or active. */
function bookState(book, now = Date.now()) {
    if (!book.active) {
        return 'Inactive';
    }
    if (book.terms.startDate && now < new Date(book.terms.startDate).getTime()) {
        return 'Not started';
    }
    if (book.terms.endDate && now >= new Date(book.terms.endDate).getTime()) {
        return 'Expired';
    }
    return 'Active';
}

export function stateBadge(book) {
    const state = bookState(book);
    return html`<span class="badge badge-${state.toLowerCase().replace(' ', '-')}">${state}</span>`;
}

/** The first 200 books, for pickers: enough for a console, and the list page pages through all. */
export async function loadBooks(signal) {
    const page = await get('/coupon-books?size=200', {signal});
    return page.items;
}

/** A labelled select of books; calls {@code onPick(bookId)}. */
export function bookPicker(id, books, selected, onPick) {
    return html`
        <label for=${id}>Book</label>
        <select id=${id} @change=${event => onPick(event.target.value)}>
            <option value="" ?selected=${!selected}>Choose a book…</option>
            ${books.map(book => html`
                <option value=${book.bookId} ?selected=${book.bookId === selected}>${book.terms.name} (${book.bookId.slice(0, 8)})</option>`)}
        </select>`;
}

/** A table that scrolls sideways on narrow screens and can be scrolled with the keyboard. */
export function tableWrap(label, table) {
    return html`<div class="table-wrap" role="region" aria-label=${label} tabindex="0">${table}</div>`;
}

/** A row of labelled counts: {@code entries} is a list of [label, shown value]. */
export function tiles(id, entries) {
    return html`
        <ul class="tiles" id=${id}>
            ${entries.map(([label, value]) => html`<li><span class="tile-value">${value}</span> <span class="tile-label">${label}</span></li>`)}
        </ul>`;
}

/** Previous and next buttons around "Page n of m (what)"; {@code turn(number)} shows page {@code number} (0-based). */
export function pager(label, number, pages, what, turn) {
    return html`
        <nav class="pager" aria-label=${label}>
            <button type="button" class="secondary" ?disabled=${number === 0} @click=${() => turn(number - 1)}>Previous</button>
            <span>Page ${count(number + 1)} of ${count(pages)} (${what})</span>
            <button type="button" class="secondary" ?disabled=${number + 1 >= pages} @click=${() => turn(number + 1)}>Next</button>
        </nav>`;
}

/** A progress bar with its visible and spoken percentage. */
export function progressBar(id, label, done, total) {
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const shown = `${Math.floor(ratio * 100)} %`;
    return html`
        <div class="progress">
            <label for=${id}>${label}</label>
            <progress id=${id} max=${total > 0 ? total : 1} .value=${total > 0 ? done : 0} aria-valuetext=${shown}></progress>
            <span class="progress-text" id=${`${id}-text`} aria-hidden="true">${shown}</span>
        </div>`;
}
