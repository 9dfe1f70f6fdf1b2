// Export-control mentions: the terms of config/lexicons/export-controls.yaml in the article's language.
import { findExportControls } from '../export-controls.ts';
import type { Component } from '../pipeline.ts';

export function exportControls(configDir: string): Component {
  return { name: 'export-controls', run(doc) { doc.exportControls = findExportControls(doc.text, doc.lang, configDir); } };
}
