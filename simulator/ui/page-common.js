// Shared by the page's scripts (plain scripts, no build step: the same files are inlined into the
// self-contained timeline a failing test writes). Data comes from the simulator's admin routes, or
// from the data embedded in the page when there is no server.

const IwfPage = {
  /** Text safe to put inside HTML. */
  esc(value) {
    return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  },

  /** An instant of the simulator's clock as `2025-01-01 10:00:00.000`. */
  time(ms) {
    return ms === undefined || ms === null
      ? ''
      : new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
  },

  /** A JSON value as compact text, with iWF's encoded objects ({encoding, data}) shown as their data. */
  value(v) {
    if (v && typeof v === 'object' && 'data' in v && 'encoding' in v) return v.data ?? 'null';
    return typeof v === 'string' ? v : JSON.stringify(v);
  },

  /** Where the page reads from: the embedded data of a saved timeline, or the live server. */
  source: null,
};

(() => {
  const embedded = document.getElementById('iwf-embedded-data');
  if (embedded) {
    const data = JSON.parse(embedded.textContent);
    IwfPage.source = {
      live: false,
      list: async () => ({ workflows: data.workflows }),
      clock: async () => ({ now: data.now, controllable: false }),
      timeline: async (id, runId) => data.timelines[`${id}\u0000${runId}`] ?? data.timelines[`${id}\u0000`],
      exchanges: async (id) => ({ exchanges: data.exchanges?.[id] ?? [] }),
    };
    return;
  }
  const get = async (path) => {
    const response = await fetch(path);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
  };
  const post = async (path, body) => {
    const response = await fetch(path, {
      method: 'POST',
      body: body === undefined ? '' : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const q = encodeURIComponent;
  IwfPage.source = {
    live: true,
    list: () => get('/simulator/workflows'),
    clock: () => get('/simulator/time'),
    timeline: (id, runId) =>
      get(`/simulator/workflows/${q(id)}/timeline${runId ? `?runId=${q(runId)}` : ''}`),
    exchanges: (id) => get(`/simulator/workflows/${q(id)}/exchanges`),
    advance: (ms) => post('/simulator/time/advance', { ms }),
    settle: () => post('/simulator/time/settle'),
  };
})();
