// Text-level cleanup of the extracted blocks: what survives Readability but is not article prose (the headline repeated
// at the top, bylines and date lines, "Advertisement", share prompts, photo credits, "Read more" links).

export interface PostprocessContext {
  title: string | null;
  byline: string | null;
}

const norm = (s: string) => s.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

// Short blocks that are page furniture in any position. Anchored: a sentence that merely contains the words is kept.
const FURNITURE = new RegExp(
  [
    '^(advertisement|advertising|anzeige|publicidad|publicité|sponsored|werbung|ad)$',
    '^(read|see|click|tap) (more|also|here)\\b.{0,80}$',
    '^(related|more)( (stories|articles|coverage|content|news|on this|from))?\\s*:?.{0,80}$',
    '^(lea|lee|leia|lire|lesen sie) (también|tambien|más|mais|aussi|auch|mehr)\\b.{0,80}$',
    '^(mehr zum thema|más información|saiba mais|à lire aussi|voir aussi|ver también|veja também)\\b.{0,80}$',
    '^(share|teilen|compartir|partager|compartilhe)( (this|on|via|article|story|the story))?\\b.{0,40}$',
    '^(follow|síguenos|suivez|folgen sie) (us|nos|uns)\\b.{0,80}$',
    '^(sign up|subscribe|suscríbete|abonnez|abonnieren|assine)\\b.{0,120}$',
    '^(photo|image|foto|picture|credit|crédito|bild|source)s?\\s*(:|by|courtesy).{0,150}$',
    '^(getty images|reuters|afp|ap photo|epa|shutterstock|istock)\\b.{0,60}$',
    '^(©|\\(c\\)|copyright)\\s.{0,200}$',
    '^(updated|published|posted|last updated|actualizado|publicado|aktualisiert|veröffentlicht|mis à jour|publié)\\b.{0,80}$',
    '^\\d+\\s*(min|minute|minutes|minuten|minutos)\\s*(read|de lectura|lesezeit|lecture)?$',
    '^(comments?|kommentare|comentarios|commentaires)(\\s*\\(\\d+\\))?$',
    '^(tags?|schlagwörter|etiquetas|topics|themen)\\s*:.{0,200}$',
    // "See also" lead-ins that introduce a link to another story, in the languages we read.
    '^(you may also like|you might also like|also read|more on this|recommended( for you)?|le puede interesar|te puede interesar|(también )?te puede gustar|lea también|lee también|lea más|puedes ver|vea también|ver también|leia também|leia mais|veja também|veja mais|saiba mais|leia\\s+:|à lire (aussi|également)|lire aussi|voir aussi|auch interessant|lesen sie (auch|mehr|hier|dazu)|mehr dazu|(das thema )?könnte (dich|sie) auch interessieren|weiterführende[rn]? links?|weitere artikel|zum thema)\\b.{0,200}$',
    '^(lea|lee|mira|mire|vea|ver|leia|veja|siehe|lire|voir|anzeige|werbung|publicidad|read|see|watch|listen)\\s*:.{0,200}$',
    // Page controls that Readability keeps as text.
    '^(load more|show more|show comments|leave a (comment|reply)|post a comment|write a comment|add comment|lade weitere inhalte|kommentare? (schreiben|anzeigen)|kommentar verfassen|deja (tu|un) comentario|escribe un comentario|laisser un commentaire|deixe (seu|um) comentário|print( this)?( article| page)?|drucken|imprimir|imprimer|beitragsbild|bildquelle:?.{0,100}|foto:.{0,150}|fotos?: .{0,150})$',
  ].join('|'),
  'iu',
);

function looksLikeBylineOrDate(block: string, byline: string | null): boolean {
  if (block.length > 140) return false;
  if (byline && norm(block).includes(norm(byline)) && block.length < norm(byline).length + 60) return true;
  if (/^(by|von|por|par|de)\s+\p{Lu}[\p{L}.'-]+(\s+\p{Lu}[\p{L}.'-]+){0,3}\b/u.test(block) && block.length < 100) return true;
  // A line that is only a date (and maybe a time/place): "May 12, 2023 10:31 a.m. ET", "12.05.2023", "Madrid, 12 de mayo de 2023".
  const dateish = block.replace(/\b(\d{1,4}|[ap]\.?m\.?|et|est|utc|gmt|cet|de|del|um|uhr|h|am|pm)\b/giu, '').replace(/[\s,.:/|·•-]+/g, ' ').trim();
  return /\d/.test(block) && /\b(19|20)\d{2}\b/.test(block) && dateish.split(' ').length <= 3;
}

/** Drops furniture blocks anywhere and headline/byline/date lines in the first few blocks. */
export function postprocessBlocks(blocks: string[], ctx: PostprocessContext): string[] {
  const title = ctx.title ? norm(ctx.title) : '';
  const out: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.length <= 200 && FURNITURE.test(block)) continue;
    // Bare URLs, timestamps and numbers are markup leftovers (hidden microdata spans), never prose.
    if (/^(https?:\/\/\S+|\d{4}-\d{2}-\d{2}T[\d:.+-]+Z?|\d+)$/.test(block)) continue;
    const leading = out.length < 4;
    if (leading && title && norm(block) === title) continue;
    if (leading && looksLikeBylineOrDate(block, ctx.byline)) continue;
    out.push(block);
  }
  return out;
}
