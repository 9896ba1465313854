// The list of workflows: status, type, times and search attributes, filtered by status, type and
// id. Rows are built as one HTML string and written only when they change, so a list of thousands
// of workflows refreshing every second costs one string compare.

/** Most rows drawn at once; a longer list asks for a narrower filter. */
const MAX_ROWS = 2000;

// biome-ignore lint/correctness/noUnusedVariables: used by page-app.js, loaded after this script
const WorkflowList = {
  rows: [],
  lastHtml: '',

  /** Takes a fresh list from the source and redraws what changed. */
  update(workflows) {
    this.rows = workflows;
    this.fillOptions(
      'filter-status',
      workflows.map((w) => w.status),
    );
    this.fillOptions(
      'filter-type',
      workflows.map((w) => w.workflowType),
    );
    this.draw();
  },

  fillOptions(selectId, values) {
    const select = document.getElementById(selectId);
    const known = new Set([...select.options].map((o) => o.value));
    for (const value of [...new Set(values)].sort()) {
      if (known.has(value)) continue;
      const option = document.createElement('option');
      option.value = value;
      option.textContent = value || '(none)';
      select.append(option);
    }
  },

  draw() {
    const status = document.getElementById('filter-status').value;
    const type = document.getElementById('filter-type').value;
    const idPart = document.getElementById('filter-id').value.trim();
    const { esc, time } = IwfPage;
    const shown = [];
    let matching = 0;
    // Newest first: the workflow just started is the one a reader looks for.
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const w = this.rows[i];
      if ((status && w.status !== status) || (type && w.workflowType !== type)) continue;
      if (idPart && !w.workflowId.includes(idPart)) continue;
      matching++;
      if (shown.length >= MAX_ROWS) continue;
      const search = Object.entries(w.searchAttributes ?? {})
        .map(([k, v]) => `${esc(k)}=${esc(IwfPage.value(v))}`)
        .join(' ');
      shown.push(
        `<tr data-id="${esc(w.workflowId)}" data-run="${esc(w.runId)}"><td>${esc(w.workflowId)}</td>` +
          `<td>${esc(w.workflowType)}</td><td class="status status-${esc(w.status)}">${esc(w.status)}</td>` +
          `<td>${time(w.startedAt)}</td><td>${time(w.closedAt)}</td><td>${search}</td></tr>`,
      );
    }
    const html = shown.join('');
    if (html !== this.lastHtml) {
      document.querySelector('#workflows tbody').innerHTML = html;
      this.lastHtml = html;
    }
    const more = matching > shown.length ? ` (first ${shown.length} shown: narrow the filter)` : '';
    document.getElementById('list-count').textContent = `${matching} of ${this.rows.length} workflows${more}`;
  },

  /** Wires the filters and the row clicks (once). */
  init(open) {
    for (const id of ['filter-status', 'filter-type', 'filter-id'])
      document.getElementById(id).addEventListener('input', () => this.draw());
    document.querySelector('#workflows tbody').addEventListener('click', (event) => {
      const row = event.target.closest('tr');
      if (row) open(row.dataset.id, row.dataset.run);
    });
  },
};
