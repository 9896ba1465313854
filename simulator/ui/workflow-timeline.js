// One workflow's timeline, built from its history events: a row per state execution with its
// phases as bars (waitUntil, waiting for commands, execute), rows that overlap in time being
// parallel threads; markers for what completed the commands; a row for the workflow's own
// events (signals, channel messages, RPCs and the locks they waited for), then the data attribute
// values over time and every event as a sentence.

/** Most state executions drawn as rows (a reminder loop can run thousands); the newest win. */
const MAX_LANES = 300;
/** Most events listed as rows. */
const MAX_EVENT_ROWS = 3000;

// Letters in coloured badges, not emoji: a headless or minimal system may have no emoji font.
const MARKERS = {
  timer: 'T',
  signal: 'S',
  internal: 'M',
  TimerSkipped: 'K',
  LockWaiting: 'L',
  InternalChannelPublished: 'P',
  SignalReceived: 'S',
  RpcCalled: 'R',
  RpcRefused: '✕',
  WorkflowStarted: '▶',
  WorkflowClosed: '■',
  Diagnostic: '!',
};

const LEGEND = {
  timer: 'timer fired',
  SignalReceived: 'signal',
  internal: 'internal message received',
  InternalChannelPublished: 'published',
  RpcCalled: 'RPC',
  RpcRefused: 'RPC refused (450)',
  LockWaiting: 'waits for a lock',
  TimerSkipped: 'timer skipped',
};

// biome-ignore lint/correctness/noUnusedVariables: used by page-app.js, loaded after this script
const WorkflowTimeline = {
  /** Groups events by state execution into phases and markers. */
  model(events, endAt) {
    const executions = new Map();
    const workflow = { markers: [], segments: [] };
    // Signals, channel messages from outside a state, RPCs and their locks: a row of their own.
    const messages = { markers: [], segments: [] };
    const WORKFLOW_EVENTS = new Set([
      'WorkflowStarted',
      'WorkflowClosed',
      'Diagnostic',
      'WorkflowStartDelayed',
    ]);
    for (const e of events) {
      const id = e.executionId;
      const a = e.attrs ?? {};
      if (e.type === 'StateExecutionStarted') {
        executions.set(id, {
          id,
          stateId: a.stateId,
          start: e.at,
          mark: e.at,
          phase: 'waitUntil',
          segments: [],
          markers: [],
        });
        continue;
      }
      const x = id === undefined ? undefined : executions.get(id);
      if (!x) {
        const row = WORKFLOW_EVENTS.has(e.type) ? workflow : messages;
        if (e.type === 'RpcCalled')
          row.segments.push({ kind: 'execute', from: e.at - (a.tookMs ?? 0), to: e.at, title: e.message });
        if (MARKERS[e.type])
          row.markers.push({ at: e.at, kind: e.type, icon: MARKERS[e.type], title: e.message });
        continue;
      }
      const phaseEnds = (kind, next) => {
        x.segments.push({ kind, from: x.mark, to: e.at, title: `${x.id} ${kind}: ${e.message}` });
        x.mark = e.at;
        x.phase = next;
      };
      if (e.type === 'WaitUntilAttempt')
        phaseEnds(
          a.outcome === 'failed' ? 'failed' : 'waitUntil',
          a.outcome === 'failed' ? 'waitUntil' : 'waiting',
        );
      else if (e.type === 'ExecuteAttempt')
        phaseEnds(a.outcome === 'failed' ? 'failed' : 'execute', a.outcome === 'failed' ? 'execute' : 'done');
      else if (e.type === 'CommandsCompleted') phaseEnds('waiting', 'execute');
      else if (e.type === 'LockWaiting') x.lockFrom = e.at;
      else if (e.type === 'StateExecutionFinished') x.end = e.at;
      else if (e.type === 'Decision') x.decision = e.message;
      if (e.type === 'CommandCompleted')
        x.markers.push({ at: e.at, kind: a.kind, icon: MARKERS[a.kind] ?? '•', title: e.message });
      else if (MARKERS[e.type])
        x.markers.push({ at: e.at, kind: e.type, icon: MARKERS[e.type], title: e.message });
      if (x.lockFrom !== undefined && e.type !== 'LockWaiting' && x.phase !== 'waitUntil') {
        x.segments.push({ kind: 'lock', from: x.lockFrom, to: e.at, title: `${x.id} waited for a lock` });
        x.lockFrom = undefined;
      }
    }
    for (const x of executions.values()) {
      if (x.end === undefined && x.phase !== 'done')
        x.segments.push({ kind: x.phase, from: x.mark, to: endAt, title: `${x.id} ${x.phase} (still)` });
    }
    return { executions: [...executions.values()], workflow, messages };
  },

  render(container, data) {
    const { esc } = IwfPage;
    const events = data.events;
    const start = events[0]?.at ?? data.now;
    const end = Math.max(data.workflow.closedAt ?? data.now ?? start, events[events.length - 1]?.at ?? start);
    const span = Math.max(end - start, 1);
    const pct = (t) => `${(((t - start) / span) * 100).toFixed(3)}%`;
    const width = (a, b) => `calc(${(((b - a) / span) * 100).toFixed(3)}% )`;
    const { executions, workflow, messages } = this.model(events, end);
    const bars = (segments) =>
      segments
        .map(
          (s) =>
            `<div class="segment segment-${esc(s.kind)}" style="left:${pct(s.from)};width:${width(s.from, s.to)}" title="${esc(s.title)}"></div>`,
        )
        .join('');
    // Markers at (nearly) the same instant are set side by side, so none hides another.
    const markers = (list) => {
      let lastAt = Number.NEGATIVE_INFINITY;
      let stacked = 0;
      return list
        .map((m) => {
          stacked = m.at - lastAt < span / 100 ? stacked + 1 : 0;
          lastAt = m.at;
          // Near the right end they stack leftwards, staying inside the track.
          const offset = (m.at - start) / span > 0.9 ? -stacked * 16 : stacked * 16;
          return `<span class="marker marker-${esc(m.kind)}" style="left:calc(${pct(m.at)} + ${offset}px)" title="${esc(m.title)}">${m.icon}</span>`;
        })
        .join('');
    };
    const lane = (label, title, inner, cls) =>
      `<div class="lane ${cls}"><div class="lane-label" title="${esc(title)}">${esc(label)}</div><div class="track">${inner}</div></div>`;
    const rows = [
      lane(
        data.workflow.workflowId,
        'the workflow: start and close',
        bars(workflow.segments) + markers(workflow.markers),
        'lane-workflow',
      ),
      lane(
        'signals, RPCs',
        'signals, messages published from outside a state, RPCs and the locks they waited for',
        bars(messages.segments) + markers(messages.markers),
        'lane-messages',
      ),
    ];
    const shown = executions.slice(-MAX_LANES);
    if (shown.length < executions.length)
      rows.push(
        `<div class="legend">${executions.length - shown.length} earlier state executions not drawn (see the events below)</div>`,
      );
    for (const x of shown)
      rows.push(
        lane(
          x.id,
          `${x.id}${x.decision ? `: ${x.decision}` : ''}`,
          bars(x.segments) + markers(x.markers),
          `lane-execution state-${esc(x.stateId)}`,
        ),
      );
    container.innerHTML =
      `<div class="axis"><span>${IwfPage.time(start)}</span><span>${((end - start) / 1000).toFixed(3)} s in all</span><span>${IwfPage.time(end)}</span></div>` +
      rows.join('') +
      `<div class="legend"><span class="segment-waitUntil"></span>waitUntil<span class="segment-waiting"></span>waiting for commands<span class="segment-execute"></span>execute / RPC<span class="segment-failed"></span>failed attempt<span class="segment-lock"></span>lock wait` +
      Object.entries(LEGEND)
        .map(([kind, text]) => `<b class="marker marker-${kind}">${MARKERS[kind]}</b>${text}`)
        .join('') +
      '</div>';
  },

  renderData(tbody, events) {
    const { esc, time } = IwfPage;
    const rows = [];
    for (const e of events) {
      if (e.type !== 'DataAttributesUpserted') continue;
      const keys = e.attrs?.keys ?? [];
      const values = e.attrs?.values ?? [];
      for (let i = 0; i < keys.length; i++)
        rows.push(
          `<tr><td>${time(e.at)}</td><td>${esc(keys[i])}</td><td><code>${esc(IwfPage.value(values[i]))}</code></td><td>${esc(e.executionId ?? 'RPC')}</td></tr>`,
        );
    }
    tbody.innerHTML = rows.join('');
  },

  renderEvents(tbody, all) {
    const { esc, time } = IwfPage;
    const start = all[0]?.at ?? 0;
    // A long reminder loop has tens of thousands of events: the newest are the ones to read.
    const events = all.slice(-MAX_EVENT_ROWS);
    const skipped = all.length - events.length;
    tbody.innerHTML =
      (skipped > 0 ? `<tr><td colspan="4">${skipped} earlier events not shown</td></tr>` : '') +
      events
        .map(
          (e) =>
            `<tr class="event-${esc(e.type)}"><td>${time(e.at)}</td><td>${((e.at - start) / 1000).toFixed(3)}</td><td>${esc(e.executionId ?? '')}</td><td>${esc(e.message)}</td></tr>`,
        )
        .join('');
  },

  renderExchanges(container, exchanges) {
    const { esc, time } = IwfPage;
    container.innerHTML =
      exchanges.length === 0
        ? '<p>No exchanges recorded (the simulator keeps them when started with the page).</p>'
        : exchanges
            .map(
              (x, i) =>
                `<details data-index="${i}"><summary>${time(x.at)} ${esc(x.kind)} ${esc(x.path)} → ${x.status} ${esc(x.executionId ?? '')}</summary></details>`,
            )
            .join('');
    // The bodies are written only when opened: a long loop has hundreds of them.
    container.ontoggle = null;
    for (const details of container.querySelectorAll('details'))
      details.addEventListener('toggle', () => {
        if (!details.open || details.dataset.filled) return;
        const x = exchanges[Number(details.dataset.index)];
        details.insertAdjacentHTML(
          'beforeend',
          `<div class="exchange"><div><b>request</b><pre>${esc(JSON.stringify(x.request, null, 2))}</pre></div><div><b>answer</b><pre>${esc(JSON.stringify(x.response, null, 2))}</pre></div></div>`,
        );
        details.dataset.filled = '1';
      });
  },
};
