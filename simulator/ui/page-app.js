// The page: the workflow list, or one workflow's timeline (`#workflow=<id>&run=<runId>`),
// refreshed every second while the source is live; on a virtual clock, controls to move time.

(() => {
  const source = IwfPage.source;
  const $ = (id) => document.getElementById(id);
  let current; // { id, runId, status } of the timeline shown

  const route = () => {
    const params = new URLSearchParams(location.hash.slice(1));
    const id = params.get('workflow');
    return id === null ? undefined : { id, runId: params.get('run') ?? '' };
  };

  const open = (id, runId) => {
    location.hash = new URLSearchParams({ workflow: id, run: runId ?? '' }).toString();
  };

  async function showList() {
    const { workflows } = await source.list();
    WorkflowList.update(workflows);
  }

  async function showTimeline(target) {
    const data = await source.timeline(target.id, target.runId);
    if (!data) {
      $('workflow-title').textContent = `no workflow ${target.id}`;
      return;
    }
    const w = data.workflow;
    current = { ...target, status: w.status };
    $('workflow-title').innerHTML =
      `${IwfPage.esc(w.workflowId)} <span class="status status-${IwfPage.esc(w.status)}" id="workflow-status">${IwfPage.esc(w.status)}</span>`;
    $('workflow-summary').textContent =
      `${w.workflowType}, run ${w.runId}, started ${IwfPage.time(w.startedAt)}` +
      (w.closedAt === undefined ? '' : `, closed ${IwfPage.time(w.closedAt)}`);
    WorkflowTimeline.render($('timeline'), data);
    WorkflowTimeline.renderData(document.querySelector('#data-attributes tbody'), data.events);
    WorkflowTimeline.renderEvents(document.querySelector('#events tbody'), data.events);
  }

  async function refresh() {
    if (source.live) {
      const clock = await source.clock();
      $('clock').textContent =
        `${IwfPage.time(clock.now)} (${clock.controllable ? 'virtual' : 'wall'} clock)`;
      $('clock-controls').hidden = !clock.controllable;
    }
    const target = route();
    $('list-view').hidden = target !== undefined;
    $('timeline-view').hidden = target === undefined;
    if (target === undefined) await showList();
    else await showTimeline(target);
  }

  let refreshing = false;
  async function safeRefresh() {
    if (refreshing) return;
    refreshing = true;
    try {
      await refresh();
    } catch (error) {
      $('clock').textContent = `cannot reach the simulator: ${error.message}`;
    } finally {
      refreshing = false;
    }
  }

  WorkflowList.init(open);
  window.addEventListener('hashchange', () => {
    $('exchanges').innerHTML = '';
    safeRefresh();
  });
  $('show-exchanges').addEventListener('click', async () => {
    if (!current) return;
    const { exchanges } = await source.exchanges(current.id);
    WorkflowTimeline.renderExchanges($('exchanges'), exchanges);
  });
  $('clock-controls').addEventListener('submit', async (event) => {
    event.preventDefault();
    await source.advance(Number($('advance-seconds').value) * 1000);
    await safeRefresh();
  });
  $('settle').addEventListener('click', async () => {
    await source.settle();
    await safeRefresh();
  });
  safeRefresh();
  // Polling, not a stream: one small request a second is enough for a person watching, and works
  // through any proxy. A closed workflow's timeline no longer changes: it is not fetched again.
  if (source.live)
    setInterval(() => {
      if (route() && current && current.status !== 'RUNNING' && route().id === current.id) return;
      safeRefresh();
    }, 1000);
})();
