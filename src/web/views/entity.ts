// One entity's page: its names, counts and aliases, and (for admins) a direct "merge into…" with a type-ahead.
import { html } from 'hono/html';
import type { EntityListRow } from '../queries/entities.ts';
import { aliasChips } from './admin.ts';
import { badge, csrfField, type Html } from './layout.ts';

type EntityView = EntityListRow & { mergedIntoId: number | null };

function eventsLink(e: EntityView): Html {
  // The queue filtered to this entity's events, every status and confidence.
  const q = new URLSearchParams({ status: 'all', minConfidence: '0', [e.type === 'location' ? 'place' : 'firm']: e.canonicalName }).toString();
  return e.type === 'firm' || e.type === 'location' ? html`<a href="/?${q}">${e.eventCount}</a>` : html`${e.eventCount}`;
}

function mergeIntoForm(e: EntityView, csrf: string): Html {
  const source = `/api/entities?${new URLSearchParams({ type: e.type, exclude: String(e.id) }).toString()}`;
  return html`<form class="card merge-into" method="post" action="/entities/${e.id}/merge-into" id="merge-into">
  ${csrfField(csrf)}
  <h2>Merge into…</h2>
  <label>Another ${e.type} <input name="target" list="merge-targets" data-typeahead="${source}" autocomplete="off" required size="40" placeholder="type a name, key or alias"></label>
  <datalist id="merge-targets"></datalist>
  <button class="primary" id="merge-into-button">Merge</button>
  <p class="muted">${e.canonicalName} and its aliases become aliases of the chosen ${e.type}; its mentions and events move there.</p>
</form>`;
}

/** The entity page body. */
export function entityBody(o: { entity: EntityView; mergedInto: EntityListRow | null; csrf: string; canEdit: boolean }): Html {
  const e = o.entity;
  const live = e.mergedIntoId === null;
  return html`<div class="event-head">
  <a href="/entities" id="back">← entities</a>
  <h1 class="entity-name">${e.canonicalName} ${badge(e.type)}</h1>
</div>
${live ? '' : html`<p class="flash err">Merged into ${o.mergedInto ? html`<a href="/entities/${o.mergedInto.id}">${o.mergedInto.canonicalName}</a>` : html`entity ${e.mergedIntoId}`}.</p>`}
<section class="card"><dl class="facts">
  <dt>Key</dt><dd><code>${e.key}</code></dd>
  <dt>Country</dt><dd>${e.country ?? '—'}</dd>
  <dt>Mentions</dt><dd class="num mentions">${e.mentionCount}</dd>
  <dt>Events</dt><dd class="num events">${eventsLink(e)}</dd>
</dl></section>
<section class="card"><h2>Aliases</h2>${aliasChips(e, o.csrf, o.canEdit && live, '')}</section>
${o.canEdit && live ? mergeIntoForm(e, o.csrf) : ''}`;
}
