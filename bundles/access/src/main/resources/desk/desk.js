// Nautilus desk: one page over the REST API (/api/v1). Logs in for a bearer token (POST /api/v1/tokens with the
// user's password), then reads with it; order events arrive on the server-sent event stream, everything else is
// refreshed every two seconds. No build step: plain browser JavaScript and Chart.js from its WebJar.
'use strict';

// Every URL the page uses, in one place.
const API = {
  tokens: '/api/v1/tokens',
  orders: '/api/v1/orders',
  order: id => `/api/v1/orders/${encodeURIComponent(id)}`,
  orderStream: '/api/v1/stream/orders',
  positions: '/api/v1/positions',
  risk: '/api/v1/risk/metrics',
  rules: '/api/v1/risk/rules',
  tradingState: '/api/v1/trading-state',
  quotes: '/api/v1/quotes',
  factors: '/api/v1/factors',
  models: '/api/v1/models',
  routes: '/api/v1/routes',
};

const $ = id => document.getElementById(id);
const state = { token: sessionStorage.getItem('nautilus.token'), user: sessionStorage.getItem('nautilus.user'),
  orders: new Map(), pnl: null, price: null, priceSymbol: null, stream: null, timer: null };

/** A field of a JSON value under the first of several names (the API's names, tolerant of nesting). */
function pick(o, ...names) {
  for (const name of names) {
    let v = o;
    for (const part of name.split('.')) { v = v == null ? undefined : v[part]; }
    if (v !== undefined && v !== null) return typeof v === 'object' && 'value' in v ? v.value : v;
  }
  return '';
}
const num = v => (v === '' || v == null) ? NaN : Number(v);
const money = v => isNaN(num(v)) ? '' : num(v).toFixed(2);
const list = body => Array.isArray(body) ? body : (body && (body.items || body.orders || body.positions
  || body.quotes || body.factors || body.models || body.routes || body.rules || body.data)) || [];

function showError(text) {
  const e = $('error');
  e.textContent = text; e.hidden = !text;
}

/** fetch with the token; a failure becomes an Error whose message is the API's own words. */
async function call(method, url, body, auth) {
  // X-Requested-With: the platform then challenges with Bearer only, so a 401 never opens the browser's own
  // password dialog (which would leave the request hanging in a headless browser).
  const headers = { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (auth) headers['Authorization'] = auth; else if (state.token) headers['Authorization'] = 'Bearer ' + state.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new Error('The platform cannot be reached (' + e.message + ')');
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { /* not JSON */ }
  if (!response.ok) {
    const why = json && (json.message || json.error) ? json.message || json.error : text || response.statusText;
    const err = new Error(`${method} ${url} failed (${response.status}): ${why}` + (json && json.code ? ` [${json.code}]` : ''));
    err.status = response.status;
    if (response.status === 401 && !auth) logout('Your session ended: ' + why);
    throw err;
  }
  return json;
}

async function login(event) {
  event.preventDefault();
  const user = $('user').value.trim();
  const basic = 'Basic ' + btoa(unescape(encodeURIComponent(user + ':' + $('password').value)));
  try {
    const issued = await call('POST', API.tokens, undefined, basic);
    state.token = issued.token; state.user = issued.user;
    sessionStorage.setItem('nautilus.token', state.token); sessionStorage.setItem('nautilus.user', state.user);
    $('password').value = '';
    showError('');
    start(issued.roles || []);
  } catch (e) {
    showError(e.status === 401 ? 'Login refused: wrong user name or password.' : e.message);
  }
}

function logout(reason) {
  sessionStorage.removeItem('nautilus.token'); sessionStorage.removeItem('nautilus.user');
  state.token = null;
  if (state.stream) state.stream.abort();
  clearInterval(state.timer);
  $('desk').hidden = true; $('login-panel').hidden = false; $('logout').hidden = true; $('who').textContent = '';
  showError(reason || '');
}

function start(roles) {
  $('login-panel').hidden = true; $('desk').hidden = false; $('logout').hidden = false;
  $('who').textContent = state.user + (roles.length ? ' (' + roles.join(', ') + ')' : '');
  charts();
  loadOrders().then(stream);
  refresh();
  state.timer = setInterval(refresh, 2000);
}

// ---- blotter -------------------------------------------------------------------------------------------------

async function loadOrders() {
  try {
    for (const order of list(await call('GET', API.orders + '?limit=200')).reverse()) upsert(order);
  } catch (e) { showError(e.message); }
}

function orderOf(x) { return x && x.order ? x.order : x; }

function upsert(raw) {
  const o = orderOf(raw);
  const id = String(pick(o, 'id', 'orderId'));
  if (!id) return;
  state.orders.set(id, o);
  let row = document.querySelector(`#blotter tr[data-id="${CSS.escape(id)}"]`);
  if (!row) {
    row = document.createElement('tr');
    row.dataset.id = id;
    const body = document.querySelector('#blotter tbody');
    body.insertBefore(row, body.firstChild);
  }
  const status = pick(o, 'status');
  const cells = [id, String(pick(o, 'createdAt', 'timestamp')).replace('T', ' ').slice(11, 19), pick(o, 'side', 'request.side'),
    pick(o, 'quantity', 'request.quantity'), pick(o, 'instrumentId', 'instrument', 'symbol', 'request.instrumentId'),
    pick(o, 'type', 'request.type'), pick(o, 'limitPrice', 'request.limitPrice'), status,
    pick(o, 'filledQuantity', 'filled'), pick(o, 'averagePrice'), pick(o, 'venueId', 'venue')];
  row.replaceChildren(...cells.map((c, i) => {
    const td = document.createElement('td');
    td.textContent = c;
    if (i === 7) { td.className = c; td.dataset.role = 'status'; }
    return td;
  }));
  const action = document.createElement('td');
  if (['ACCEPTED', 'PARTIALLY_FILLED', 'SUBMITTED', 'TRIGGERED', 'PENDING_UPDATE'].includes(status)) {
    const cancel = document.createElement('button');
    cancel.textContent = 'Cancel';
    cancel.onclick = () => call('DELETE', API.order(id)).catch(e => showError(e.message));
    action.appendChild(cancel);
  }
  row.appendChild(action);
  if (id === state.lastSubmitted) $('order-result').textContent = `order ${id}: ${status}`;
}

/** Server-sent events over fetch (EventSource cannot send the bearer token); reconnects after a drop. */
async function stream() {
  const controller = new AbortController();
  state.stream = controller;
  $('stream-state').textContent = '(connecting)';
  try {
    const response = await fetch(API.orderStream, { headers: { 'Accept': 'text/event-stream',
      'X-Requested-With': 'XMLHttpRequest', 'Authorization': 'Bearer ' + state.token }, signal: controller.signal });
    if (!response.ok) throw new Error(`order stream refused (${response.status})`);
    $('stream-state').textContent = '(live)';
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end); buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).trim()).join('\n');
        if (data) { try { upsert(JSON.parse(data)); } catch (e) { /* a keep-alive or another kind of event */ } }
      }
    }
    throw new Error('order stream ended');
  } catch (e) {
    if (controller.signal.aborted || !state.token) return;
    $('stream-state').textContent = '(reconnecting: ' + e.message + ')';
    await loadOrders();
    setTimeout(stream, 2000);
  }
}

async function submitOrder(event) {
  event.preventDefault();
  const type = $('type').value;
  const quantity = Number($('quantity').value);
  if (!(quantity > 0)) { showError('The quantity must be a positive number.'); return; }
  // The API refuses unknown fields: only its own names.
  const order = { side: $('side').value, quantity, symbol: $('symbol').value.trim(), type,
    clientOrderId: 'desk-' + Date.now().toString(36) + Math.random().toString(36).slice(2, 6) };
  if ($('venue').value.trim()) order.venue = $('venue').value.trim();
  if (type === 'LIMIT') {
    const price = Number($('price').value);
    if (!(price > 0)) { showError('A LIMIT order needs a positive limit price.'); return; }
    order.limitPrice = price;
  }
  $('order-result').textContent = 'sending...';
  try {
    const placed = await call('POST', API.orders, order);
    state.lastSubmitted = String(pick(orderOf(placed), 'id'));
    upsert(placed);
    showError('');
  } catch (e) {
    $('order-result').textContent = '';
    showError(e.message);
  }
}

// ---- everything else, refreshed ----------------------------------------------------------------------------

function fill(tableId, rows) {
  const body = document.querySelector(`#${tableId} tbody`);
  body.replaceChildren(...rows.map(cells => {
    const tr = document.createElement('tr');
    for (const c of cells) {
      const td = document.createElement('td');
      if (c && typeof c === 'object') { td.textContent = c.text; td.className = c.cls || ''; } else td.textContent = c;
      tr.appendChild(td);
    }
    return tr;
  }));
}
const signed = v => ({ text: money(v), cls: num(v) > 0 ? 'pos' : num(v) < 0 ? 'neg' : '' });

async function refresh() {
  const errors = [];
  const guard = p => p.catch(e => errors.push(e.message));
  await Promise.all([
    guard(call('GET', API.positions).then(body => {
      const positions = list(body);
      let total = 0;
      fill('positions', positions.map(p => {
        const unreal = pick(p, 'unrealizedPnl'); const real = pick(p, 'position.realizedPnl', 'realizedPnl');
        const pnl = num(pick(p, 'totalPnl'));
        total += isNaN(pnl) ? (isNaN(num(unreal)) ? 0 : num(unreal)) + (isNaN(num(real)) ? 0 : num(real)) : pnl;
        return [pick(p, 'position.portfolioId', 'portfolioId'), pick(p, 'position.instrumentId', 'instrumentId'),
          pick(p, 'position.quantity', 'quantity'), money(pick(p, 'position.averagePrice', 'averagePrice')),
          money(pick(p, 'mark')), signed(unreal), signed(real)];
      }));
      addPoint(state.pnl, total);
    })),
    guard(call('GET', API.risk).then(body => {
      const metrics = list(body).length ? list(body) : [body];
      fill('risk', metrics.flatMap(m => Object.entries(m || {}).filter(([, v]) => typeof v !== 'object')
        .map(([k, v]) => [k, typeof v === 'number' ? v.toFixed(2) : v])));
    })),
    guard(call('GET', API.rules).then(body => fill('rules', list(body).map(r => [pick(r, 'name'),
      pick(r, 'description', 'limit'), pick(r, 'rejections', 'denials')])))),
    guard(call('GET', API.tradingState).then(body => {
      const current = pick(body || {}, 'global.state', 'state');
      $('state').textContent = current ? 'trading ' + current : '';
      $('state').className = 'badge ' + current;
    })),
    guard(call('GET', API.quotes).then(body => {
      const quotes = list(body);
      $('symbols').replaceChildren(...quotes.map(q => Object.assign(document.createElement('option'),
        { value: pick(q, 'symbol') })));
      fill('quotes', quotes.map(q => [pick(q, 'symbol'), pick(q, 'quote.bid'), pick(q, 'quote.ask'), pick(q, 'mark')]));
      const symbol = $('symbol').value.trim();
      const q = quotes.find(x => pick(x, 'symbol') === symbol);
      if (q) {
        if (state.priceSymbol !== symbol) { state.price.data.labels = []; state.price.data.datasets[0].data = []; }
        state.priceSymbol = symbol; state.price.data.datasets[0].label = symbol;
        addPoint(state.price, num(pick(q, 'mark', 'quote.bid')));
      }
    })),
    guard(call('GET', API.factors).then(body => fill('factors', list(body).slice(0, 40).map(f => [pick(f, 'name'),
      pick(f, 'library') || 'plugin', pick(f, 'description')])))),
    guard(call('GET', API.models).then(body => fill('models', list(body).map(m => [pick(m, 'name'), pick(m, 'status'),
      JSON.stringify(m.metrics || '').slice(0, 80)])))),
    guard(call('GET', API.routes).then(body => fill('routes', list(body).map(r => [pick(r, 'id'), pick(r, 'state'),
      pick(r, 'exchanges'), pick(r, 'failures')])))),
  ]);
  showError(errors.length ? errors[0] + (errors.length > 1 ? ` (and ${errors.length - 1} more)` : '') : '');
}

async function tradingState(target) {
  const reason = target === 'HALTED' ? prompt('Why halt trading?', 'halted from the desk') : 'resumed from the desk';
  if (reason === null) return;
  try {
    await call('PUT', API.tradingState, { state: target, reason });
    showError('');
    refresh();
  } catch (e) {
    showError(e.status === 403 ? 'Only the risk role may change the trading state. ' + e.message : e.message);
  }
}

// ---- charts ---------------------------------------------------------------------------------------------------

function lineChart(canvas, label, color) {
  return new Chart($(canvas), { type: 'line', data: { labels: [], datasets: [{ label, data: [], borderColor: color,
    pointRadius: 0, tension: 0.2 }] }, options: { animation: false, responsive: true,
    scales: { x: { ticks: { maxTicksLimit: 6 } } }, plugins: { legend: { display: false } } } });
}

function charts() {
  if (state.pnl) return;
  state.pnl = lineChart('pnl-chart', 'P&L', '#2a9d8f');
  state.price = lineChart('price-chart', 'price', '#14213d');
}

function addPoint(chart, value) {
  if (!chart || isNaN(value)) return;
  chart.data.labels.push(new Date().toLocaleTimeString());
  chart.data.datasets[0].data.push(value);
  if (chart.data.labels.length > 900) { chart.data.labels.shift(); chart.data.datasets[0].data.shift(); }
  chart.update('none');
}

// ---- wiring ---------------------------------------------------------------------------------------------------

$('login').addEventListener('submit', login);
$('order').addEventListener('submit', submitOrder);
$('logout').addEventListener('click', () => logout(''));
$('halt').addEventListener('click', () => tradingState('HALTED'));
$('resume').addEventListener('click', () => tradingState('ACTIVE'));
if (state.token) start([]);
