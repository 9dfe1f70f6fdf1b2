// Entities, feeds and users pages.
import { html } from 'hono/html';
import type { Feed, Run } from '../../db/schema.ts';
import type { Role } from '../../auth/users.ts';
import { ENTITY_TYPES, type EntityListRow, type EntityType } from '../queries/entities.ts';
import { badge, csrfField, fmtTime, safeHref, type Html } from './layout.ts';

export function aliasChips(e: EntityListRow, csrf: string, canEdit: boolean, back: string): Html {
  const items = Object.entries(e.aliases).flatMap(([lang, list]) => list.map((a) => ({ lang, a })));
  return html`<ul class="aliases">${items.map(({ lang, a }) => html`<li><span>${a}</span> <small>${lang}</small>${canEdit ? html`<form method="post" action="/entities/${e.id}/aliases/remove" class="inline">${csrfField(csrf)}<input type="hidden" name="alias" value="${a}"><input type="hidden" name="back" value="${back}"><input type="hidden" name="lang" value="${lang}"><button class="link" title="remove alias">×</button></form>` : ''}</li>`)}</ul>
  ${canEdit ? html`<form method="post" action="/entities/${e.id}/aliases" class="inline add-alias">${csrfField(csrf)}<input type="hidden" name="back" value="${back}"><input name="alias" placeholder="new alias" required size="14"><input name="lang" placeholder="lang" value="und" size="3"><button>Add</button></form>` : ''}`;
}

/** The entity search and merge page. */
export function entitiesBody(o: { q: string; type: EntityType | null; rows: EntityListRow[]; csrf: string; canEdit: boolean }): Html {
  const back = new URLSearchParams({ q: o.q, type: o.type ?? '' }).toString();
  return html`<form class="filters" method="get" action="/entities">
  <label>Search <input name="q" value="${o.q}" autofocus placeholder="name, key or alias"></label>
  <label>Type <select name="type"><option value="">any</option>${ENTITY_TYPES.map((t) => html`<option value="${t}"${o.type === t ? html` selected` : ''}>${t}</option>`)}</select></label>
  <button>Search</button>
</form>
${o.canEdit ? html`<form method="post" action="/entities/merge" id="merge">${csrfField(o.csrf)}<input type="hidden" name="back" value="${back}"></form>` : ''}
<table class="entities">
  <thead><tr>${o.canEdit ? html`<th title="keep this one">Keep</th><th title="merge into the kept one">Merge</th>` : ''}<th>Name</th><th>Type</th><th>Key</th><th>Mentions</th><th>Events</th><th>Aliases</th></tr></thead>
  <tbody>${o.rows.map((e) => html`<tr data-entity-id="${e.id}">
    ${o.canEdit ? html`<td><input type="radio" name="survivorId" value="${e.id}" form="merge" aria-label="keep ${e.canonicalName}"></td><td><input type="checkbox" name="otherIds" value="${e.id}" form="merge" aria-label="merge ${e.canonicalName}"></td>` : ''}
    <td class="name"><a href="/entities/${e.id}">${e.canonicalName}</a></td><td>${badge(e.type)}</td><td><code>${e.key}</code></td><td class="num mentions">${e.mentionCount}</td><td class="num events">${e.eventCount}</td>
    <td>${aliasChips(e, o.csrf, o.canEdit, back)}</td></tr>`)}
  </tbody>
</table>
${o.rows.length === 0 ? html`<p class="empty">No entities match.</p>` : ''}
${o.canEdit ? html`<p><button form="merge" class="primary" id="merge-button">Merge checked into kept</button> <small class="muted">The merged names become aliases of the kept entity; their mentions and events move to it.</small></p>` : ''}`;
}

function feedState(f: Feed): Html {
  // Removal from the config file is its own state, so the feed's real last error stays in its column.
  if (f.removedFromConfigAt) return html`${badge('paused')} <small class="muted">removed from feeds.yaml ${fmtTime(f.removedFromConfigAt)}</small>`;
  if (f.paused) return badge('paused');
  if (f.errorCount > 0) return badge('failing', `failing ×${f.errorCount}`);
  if (!f.lastFetchedAt) return badge('new');
  return badge('ok');
}

/** The latest pipeline runs; `interrupted` marks one whose process died before it finished. */
function runsTable(runs: Run[]): Html {
  if (!runs.length) return html``;
  return html`<h2>Recent runs</h2>
<table class="runs">
  <thead><tr><th>Run</th><th>Kind</th><th>Status</th><th>Started</th><th>Ended</th><th>Last error</th></tr></thead>
  <tbody>${runs.map((r) => html`<tr data-run-id="${r.id}"><td class="num">${r.id}</td><td>${r.kind}</td><td>${badge(r.status)}</td><td>${fmtTime(r.startedAt)}</td>
    <td>${fmtTime(r.endedAt)}</td><td class="error">${r.errors.at(-1)?.message ?? ''}</td></tr>`)}</tbody>
</table>`;
}

/** The feed health page (admin), with the latest runs under it. */
export function feedsBody(o: { feeds: Feed[]; runs?: Run[]; csrf: string }): Html {
  return html`<form class="filters card" method="post" action="/feeds">
  ${csrfField(o.csrf)}
  <label>URL <input name="url" type="url" required size="40" placeholder="https://example.com/feed.xml"></label>
  <label>Title <input name="title" size="16"></label>
  <label>Lang <input name="language" size="3"></label>
  <label>Every <input name="intervalMinutes" type="number" min="5" value="60" class="num"> min</label>
  <button class="primary">Add feed</button>
</form>
<table class="feeds">
  <thead><tr><th>State</th><th>Feed</th><th>Lang</th><th>Last fetch</th><th>HTTP</th><th>Next check</th><th>Errors</th><th>Last error</th><th></th></tr></thead>
  <tbody>${o.feeds.map((f) => html`<tr class="${f.errorCount > 0 ? 'failing' : ''}">
    <td>${feedState(f)}</td>
    <td><a href="${safeHref(f.url)}" rel="noopener noreferrer nofollow" target="_blank">${f.title ?? f.url}</a>${f.fromConfig ? html` <small class="muted">config</small>` : ''}<br><small class="muted">${f.url}</small></td>
    <td>${f.language ?? ''}</td><td>${fmtTime(f.lastFetchedAt)}</td><td>${f.lastStatus ?? ''}</td><td>${f.paused ? '—' : fmtTime(f.nextCheckAt)}</td>
    <td class="num">${f.errorCount}</td><td class="error">${f.lastError ?? ''}${f.lastWarning ? html`<div class="warning">warning: ${f.lastWarning}</div>` : ''}</td>
    <td class="acts">
      <form method="post" action="/feeds/${f.id}/${f.paused ? 'resume' : 'pause'}" class="inline">${csrfField(o.csrf)}<button>${f.paused ? 'Resume' : 'Pause'}</button></form>
      <form method="post" action="/feeds/${f.id}/remove" class="inline confirm" data-confirm="Remove this feed? Its articles stay.">${csrfField(o.csrf)}<button class="no">Remove</button></form>
    </td></tr>`)}</tbody>
</table>
${o.feeds.length === 0 ? html`<p class="empty">No feeds yet.</p>` : ''}
${runsTable(o.runs ?? [])}`;
}

/** The account list (admin). */
export function usersBody(o: { users: Array<{ id: number; email: string; role: Role; disabled: boolean; digestOptIn: boolean; createdAt: Date }>; csrf: string; selfId: number }): Html {
  return html`<form class="filters card" method="post" action="/users">
  ${csrfField(o.csrf)}
  <label>Email <input name="email" type="email" required></label>
  <label>Role <select name="role"><option value="analyst">analyst</option><option value="admin">admin</option></select></label>
  <label>Password <input name="password" type="password" minlength="10" required autocomplete="new-password"></label>
  <button class="primary">Add account</button>
</form>
<table><thead><tr><th>Email</th><th>Role</th><th>Created</th><th>State</th><th title="weekly digest opt-in (set by the user on their account page)">Digest</th><th></th></tr></thead>
<tbody>${o.users.map((u) => html`<tr><td>${u.email}</td><td>${badge(u.role)}</td><td>${fmtTime(u.createdAt)}</td><td>${u.disabled ? badge('disabled') : badge('active')}</td><td>${u.digestOptIn ? 'on' : 'off'}</td>
  <td>${u.id === o.selfId ? '' : html`<form method="post" action="/users/${u.id}/${u.disabled ? 'enable' : 'disable'}" class="inline">${csrfField(o.csrf)}<button>${u.disabled ? 'Enable' : 'Disable'}</button></form>`}</td></tr>`)}</tbody></table>
<p class="muted">From the terminal: <code>radar users add EMAIL --role analyst|admin</code>, <code>radar users digest EMAIL on|off</code>. <a href="/digest/recipients">Who receives the digest</a>.</p>`;
}
