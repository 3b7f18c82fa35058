/* foedus explorer: the pages' script. Vanilla JS + d3 (vendored). Every view is the JSON of
   one or more /api/v1 calls; the view's state lives in the URL query (a permalink). */
"use strict";
(function () {
  const $ = (s, r) => (r || document).querySelector(s);
  const $$ = (s, r) => Array.from((r || document).querySelectorAll(s));
  const page = document.body.dataset.page;
  const esc = (s) => String(s == null ? "" : s).replace(/[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const BINDING = new Set(["treaty", "executive_agreement", "unilateral"]);
  const CATS = [
    ["bound", "bound to defend", "#c0392b"], ["aid", "military aid", "#e67e22"],
    ["neutral", "neutrality / non-aggression", "#8e44ad"],
    ["consult", "consultation", "#2980b9"],
    ["assurances", "assurance (no legal duty)", "#27ae60"],
    ["offense", "offensive alliance", "#6d4c41"], ["restraint", "restraint", "#b7950b"],
    ["presumed", "presumed (ATOP after 2018)", "#95a5a6"],
    ["dormant", "dormant (formal only)", "#bdc3c7"]];
  const COLOUR = Object.fromEntries(CATS.map((c) => [c[0], c[2]]));
  const RANK = Object.fromEntries(CATS.map((c, i) => [c[0], i]));
  const REGION_COLOUR = { americas: "#1f77b4", europe: "#d62728", africa: "#2ca02c",
    middle_east: "#ff7f0e", asia: "#9467bd", oceania: "#17becf" };

  /* -- plumbing ------------------------------------------------------------------------- */
  async function api(path, opts) {
    const r = await fetch(path, opts);
    let body = null;
    try { body = await r.json(); } catch (e) { body = null; }
    if (!r.ok) {
      const err = (body && body.error) || { code: "error", message: r.statusText };
      err.status = r.status;
      throw err;
    }
    return body;
  }
  function showError(e) {
    const el = $("#error");
    el.hidden = false;
    el.textContent = (e && e.status === 501 ? "Not available: " : "Error: ") +
      ((e && e.message) || String(e));
  }
  function clearError() { const el = $("#error"); el.hidden = true; el.textContent = ""; }
  function setLinks(apiUrl) {
    if (apiUrl) $("#json-link").href = apiUrl;
    $("#permalink").href = location.pathname + location.search;
  }
  function answerSources(ans) {
    const el = $("#answer-sources");
    if (!el || !ans || !ans.datasets) return;
    // most answers list dataset names; the guarantor finder gives {coverage, notes, ...}
    const names = Array.isArray(ans.datasets) ? ans.datasets
      : Object.keys(ans.datasets.coverage || {});
    el.textContent = "This view read: " + (names.join(", ") || "nothing") +
      (ans.unknown && ans.unknown.length ? " — unknown on this day: " + ans.unknown.join(", ") : "") +
      " (see the citations below).";
  }
  function fields(form) {
    const p = new URLSearchParams();
    for (const el of form.elements) {
      if (!el.name || el.type === "submit" || el.type === "button") continue;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) continue;
      if (el.value !== "") p.set(el.name, el.value);
    }
    return p;
  }
  function setURL(p) {
    history.replaceState(null, "", location.pathname + (p.toString() ? "?" + p : ""));
  }
  function categoryOf(e) {
    if (e.category) return e.category;
    if (e.presumed) return "presumed";
    if (e.aim === "restraint") return "restraint";
    if (e.dormant) return "dormant";  // formal only: never bound (docs/rules.md §4.7)
    const binding = BINDING.has(e.legal_force);
    if ((e.kind === "defense" || e.kind === "guarantee") && binding) return "bound";
    if (e.kind === "military_aid" && binding) return "aid";
    if (e.kind === "offense" && binding) return "offense";
    if ((e.kind === "neutrality" || e.kind === "nonaggression") && binding) return "neutral";
    if (e.kind === "consultation" && binding) return "consult";
    return "assurances";
  }
  function legend(el, cats) {
    if (!el) return;
    el.innerHTML = cats.map((c) =>
      `<span>${sw(COLOUR[c[0]] || c[2])}${esc(c[1])}</span>`).join("");
  }
  const sw = (c) => `<svg class="sw" width="12" height="12" aria-hidden="true"><rect width="12" height="12" rx="2" fill="${esc(c)}"/></svg>`;
  const stateLink = (s) => s ? `<a href="/state/${esc(s.abb)}">${esc(s.name)}</a> <small>${esc(s.abb)}</small>` : "";
  const instLink = (i) => i ? `<a href="/instrument/${esc(i.id)}">${esc(i.name)}</a>` : "";
  const period = (e) => `${esc(e.valid_from || "…")} – ${esc(e.valid_to || "")}`;
  const srcLinks = (urls) => (urls || []).map((u, i) =>
    `<a href="${esc(u)}" rel="noopener noreferrer">[${i + 1}]</a>`).join(" ");
  /* a long list shows its first PAGE rows; the rest wait behind a "show all" button (the
     pages stay a few screens tall, and every row is still in the page for search and tests) */
  const PAGE = 25;
  function entryTable(entries, side, id) {
    if (!entries || !entries.length) return `<p class="muted"${id ? ` id="${esc(id)}"` : ""}>none</p>`;
    const who = (e) => side === "pair" ? `${stateLink(e.from)} → ${stateLink(e.to)}`
      : stateLink(side === "from" ? e.from : e.to);
    const rows = entries.map((e) => `<tr data-from="${esc(e.from.abb)}" data-to="${esc(e.to.abb)}"
      data-instrument="${esc(e.instrument.id)}" data-kind="${esc(e.kind)}"
      data-article="${esc(e.article || "")}"><td>${sw(COLOUR[categoryOf(e)])}
      ${who(e)}</td><td>${esc(e.kind)}</td>
      <td>${esc(e.strength || "")}</td><td>${esc(e.legal_force)}</td><td>${instLink(e.instrument)}
      ${e.source === "atop" ? "<small>(ATOP)</small>" : ""}${e.presumed ? " <small>(presumed)</small>" : ""}</td><td>${esc(e.article || "")}</td>
      <td>${period(e)}</td><td>${srcLinks(e.sources)}</td></tr>`);
    const rest = rows.length > PAGE + 5 ? rows.slice(PAGE) : [];
    const shown = rest.length ? rows.slice(0, PAGE) : rows;
    return `<table class="entries"${id ? ` id="${esc(id)}"` : ""}><thead><tr><th>${side === "pair" ? "from → to" : side === "from" ? "from" : "to"}</th><th>kind</th>
      <th>strength</th><th>legal force</th><th>instrument</th><th>article</th><th>in force</th>
      <th>sources</th></tr></thead><tbody>${shown.join("")}</tbody>${rest.length ?
      `<tbody class="more" hidden>${rest.join("")}</tbody>` : ""}</table>${rest.length ?
      `<button type="button" class="show-more" data-total="${rows.length}">show all ${rows.length} rows (${rest.length} more)</button>` : ""}`;
  }
  document.addEventListener("click", (ev) => {
    const b = ev.target.closest && ev.target.closest("button.show-more");
    if (!b) return;
    const more = b.previousElementSibling && b.previousElementSibling.querySelector("tbody.more");
    if (!more) return;
    more.hidden = !more.hidden;
    b.textContent = more.hidden ? `show all ${b.dataset.total} rows` : `show the first ${PAGE} rows`;
  });
  /* the first render, unless the server refused the page's URL query (data-invalid: the
     alert already says why, in the API's words; a date field cannot even hold an impossible
     day, so asking the API would only answer some other question). Submitting the form
     renders as usual. */
  function first(render) {
    if (document.body.dataset.invalid) { document.body.dataset.ready = "error"; return; }
    render();
  }
  function onForm(form, render) {
    if (!form) return;
    form.addEventListener("submit", (ev) => { ev.preventDefault(); render(); });
  }

  /* -- the timeline slider (map, network, timeline pages) ------------------------------- */
  function slider(onChange) {
    const s = $("#slider"), label = $("#slider-label"), play = $("#play"), on = $("#f-on");
    if (!s) return;
    const thisYear = new Date().getFullYear();
    s.max = String(thisYear);
    const sync = () => { label.textContent = on.value; };
    let timer = null, debounce = null;
    s.addEventListener("input", () => {
      const md = (on.value || "2025-01-01").slice(4) || "-01-01";
      on.value = s.value + md;
      sync();
      clearTimeout(debounce);
      debounce = setTimeout(onChange, 250);
    });
    on.addEventListener("change", () => { s.value = on.value.slice(0, 4); sync(); });
    play.addEventListener("click", () => {
      if (timer) { clearInterval(timer); timer = null; play.textContent = "▶ play"; return; }
      play.textContent = "❚❚ pause";
      timer = setInterval(() => {
        let y = Number(s.value) + 1;
        if (y > thisYear) y = 1815;
        s.value = String(y);
        s.dispatchEvent(new Event("input"));
      }, 900);
    });
    sync();
  }

  /* -- the map ---------------------------------------------------------------------------- */
  let WORLD = null;
  async function world() {
    if (WORLD) return WORLD;
    const [topo, iso] = await Promise.all([
      fetch("/static/vendor/countries-110m.json").then((r) => r.json()),
      fetch("/static/vendor/iso3166-numeric.json").then((r) => r.json())]);
    const extra = { Kosovo: "XKX" };
    WORLD = topojson.feature(topo, topo.objects.countries).features;
    WORLD.forEach((f) => { f.iso3 = f.id ? iso[f.id] : extra[f.properties.name] || null; });
    return WORLD;
  }
  async function drawMap(el, state, on, direction, onPick) {
    const q = new URLSearchParams({ state, on, direction: direction || "both" });
    const [feats, sys, com] = await Promise.all([world(), api("/api/v1/states?on=" + on),
      api("/api/v1/commitments?" + q)]);
    const me = com.state.ccode;
    const cat = new Map(), why = new Map();
    for (const e of [...com.commitments, ...com.presumed]) {
      const other = e.from.ccode === me ? e.to : e.from;
      const c = categoryOf(e);
      if (!cat.has(other.ccode) || RANK[c] < RANK[cat.get(other.ccode)]) cat.set(other.ccode, c);
      if (!why.has(other.ccode)) why.set(other.ccode, new Set());
      why.get(other.ccode).add(e.instrument.id);
    }
    const byIso = new Map(sys.states.filter((s) => s.iso3).map((s) => [s.iso3, s]));
    const fill = (s) => !s ? "#f4f4f1" : s.state.ccode === me ? "#1b2631" :
      cat.has(s.state.ccode) ? COLOUR[cat.get(s.state.ccode)] : "#dcdcd6";
    const w = el.clientWidth || 900, h = Math.round(w * 0.52);
    el.innerHTML = "";
    const svg = d3.select(el).append("svg").attr("viewBox", `0 0 ${w} ${h}`).attr("width", w)
      .attr("height", h);
    const proj = d3.geoNaturalEarth1().fitSize([w, h], { type: "Sphere" });
    const path = d3.geoPath(proj);
    svg.append("path").attr("d", path({ type: "Sphere" })).attr("class", "sphere");
    const title = (s) => s ? `${s.state.name} (${s.state.abb})` +
      (cat.has(s.state.ccode) ? ` — ${cat.get(s.state.ccode)}: ${[...why.get(s.state.ccode)].join(", ")}` : "") : "";
    svg.append("g").selectAll("path").data(feats).join("path").attr("d", path)
      .attr("class", (f) => "country" + (byIso.get(f.iso3) ? " insystem" : ""))
      .attr("data-iso3", (f) => f.iso3 || "")
      .attr("fill", (f) => fill(byIso.get(f.iso3)))
      .on("click", (ev, f) => { const s = byIso.get(f.iso3); if (s) onPick(s.state.abb); })
      .append("title").text((f) => title(byIso.get(f.iso3)) || f.properties.name);
    const dots = sys.states.filter((s) => s.capital);
    svg.append("g").selectAll("circle").data(dots).join("circle")
      .attr("class", "capital").attr("data-abb", (s) => s.state.abb)
      .attr("cx", (s) => proj([s.capital.lon, s.capital.lat])[0])
      .attr("cy", (s) => proj([s.capital.lon, s.capital.lat])[1])
      .attr("r", (s) => s.state.ccode === me ? 6 : 4).attr("fill", fill)
      .on("click", (ev, s) => onPick(s.state.abb))
      .append("title").text((s) => `${title(s)} — capital: ${s.capital.name}`);
    legend($("#legend"), [...CATS, ["self", "selected state", "#1b2631"],
      ["none", "in the system, no commitment", "#dcdcd6"]]);
    answerSources(com);
    return { com, sys, cat };
  }
  function mapSummary(com, sys, cat) {
    const counts = {};
    for (const c of cat.values()) counts[c] = (counts[c] || 0) + 1;
    const parts = CATS.filter((c) => counts[c[0]]).map((c) => `${counts[c[0]]} ${c[1]}`);
    return `<p><b>${esc(com.state.name)}</b> on ${esc(com.on)}: ${com.commitments.length}
      commitments (${esc(com.direction)}) with ${cat.size} states — ${esc(parts.join("; ") || "none")}.
      ${sys.states.length} states in the system${sys.capitals ? "; dots mark their capitals of the day" :
      "; capitals not imported (foedus data import peacesciencer), so only today's borders are drawn"}.</p>`;
  }

  /* -- the network ------------------------------------------------------------------------ */
  async function graphAll(q) {
    let offset = 0, ans = null, edges = [];
    for (let i = 0; i < 5; i++) {
      const a = await api(`/api/v1/graph?${q}&limit=10000&offset=${offset}`);
      ans = ans || a;
      edges = edges.concat(a.edges);
      offset += a.edges.length;
      if (offset >= a.total || !a.edges.length) break;
    }
    ans.edges = edges;
    return ans;
  }
  async function drawNetwork(el, q) {
    const ans = await graphAll(q);
    const pairs = new Map();
    for (const e of ans.edges) {
      const a = Math.min(e.from, e.to), b = Math.max(e.from, e.to), k = a + "-" + b;
      const c = categoryOf(e);
      const p = pairs.get(k) || { source: a, target: b, cat: c, n: 0, inst: new Set() };
      if (RANK[c] < RANK[p.cat]) p.cat = c;
      p.n += 1; p.inst.add(e.instrument.id);
      pairs.set(k, p);
    }
    const nodes = ans.nodes.map((n) => ({ id: n.state.ccode, abb: n.state.abb, name: n.state.name,
      region: n.region, deg: n.given + n.received }));
    const links = [...pairs.values()];
    const w = el.clientWidth || 900, h = Math.max(420, Math.round(w * 0.6));
    el.innerHTML = "";
    const svg = d3.select(el).append("svg").attr("viewBox", `0 0 ${w} ${h}`).attr("width", w)
      .attr("height", h);
    const room = Math.sqrt((w * h) / Math.max(1, nodes.length));
    // states cluster by region: each region pulls its states toward its own point on an
    // ellipse (the Americas left, Europe top, Africa bottom, Asia right...), so that the
    // network reads as blocs and their ties instead of one hairball
    const regions = Object.keys(REGION_COLOUR);
    const anchor = {};
    regions.forEach((r, i) => {
      const a = Math.PI + (2 * Math.PI * i) / regions.length;
      anchor[r] = [w / 2 + Math.cos(a) * w * 0.3, h / 2 + Math.sin(a) * h * 0.3];
    });
    const ax = (d) => (anchor[d.region] || [w / 2, h / 2])[0];
    const ay = (d) => (anchor[d.region] || [w / 2, h / 2])[1];
    const sim = d3.forceSimulation(nodes)
      // forces scaled to the room each state has, so that 20 or 190 states fill the panel
      .force("link", d3.forceLink(links).id((d) => d.id).distance(room * 1.2).strength(0.03))
      .force("charge", d3.forceManyBody().strength(-Math.min(220, room * room / 12)))
      .force("x", d3.forceX(ax).strength(0.25)).force("y", d3.forceY(ay).strength(0.25))
      .force("collide", d3.forceCollide(Math.min(14, room / 3))).stop();
    for (let i = 0; i < 300; i++) sim.tick();
    // fit the settled layout into the panel (scale, never clip)
    const xs = d3.extent(nodes, (n) => n.x), ys = d3.extent(nodes, (n) => n.y), m = 28;
    const k = Math.min((w - 2 * m) / Math.max(1, xs[1] - xs[0]), (h - 2 * m) / Math.max(1, ys[1] - ys[0]), 1.5);
    nodes.forEach((n) => {
      n.x = m + (n.x - xs[0]) * k + (w - 2 * m - (xs[1] - xs[0]) * k) / 2;
      n.y = m + (n.y - ys[0]) * k + (h - 2 * m - (ys[1] - ys[0]) * k) / 2;
    });
    const link = svg.append("g").attr("class", "links").selectAll("line").data(links).join("line")
      .attr("stroke", (d) => COLOUR[d.cat]).attr("stroke-width", (d) => Math.min(4, 0.8 + Math.log2(d.n)));
    link.append("title").text((d) => `${d.source.abb} – ${d.target.abb}: ${d.cat}; ${[...d.inst].join(", ")}`);
    const node = svg.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g")
      .attr("class", "node").attr("data-abb", (d) => d.abb);
    node.append("circle").attr("r", (d) => 3 + Math.sqrt(d.deg) * 0.6)
      .attr("fill", (d) => REGION_COLOUR[d.region] || "#555");
    node.append("title").text((d) => `${d.name}: ${d.deg} commitments`);
    // labels in a layer above every dot, with a halo, so that no dot covers a name
    const label = svg.append("g").attr("class", "labels").selectAll("text").data(nodes)
      .join("text").attr("class", "label").attr("data-abb", (d) => d.abb).text((d) => d.abb);
    node.on("dblclick", (ev, d) => { location.href = "/state/" + d.abb; });
    const place = () => {
      link.attr("x1", (d) => d.source.x).attr("y1", (d) => d.source.y)
        .attr("x2", (d) => d.target.x).attr("y2", (d) => d.target.y);
      node.attr("transform", (d) => `translate(${d.x},${d.y})`);
      label.attr("x", (d) => d.x + 3 + Math.sqrt(d.deg) * 0.6).attr("y", (d) => d.y + 3);
    };
    place();
    declutter(label);
    node.call(d3.drag()
      .on("start", (ev, d) => { if (!ev.active) sim.alphaTarget(0.2).restart(); d.fx = d.x; d.fy = d.y; })
      .on("drag", (ev, d) => { d.fx = ev.x; d.fy = ev.y; })
      .on("end", (ev, d) => { if (!ev.active) sim.alphaTarget(0); d.fx = null; d.fy = null; declutter(label); }));
    sim.on("tick", place);
    const lg = $("#legend-net") || $("#legend");
    legend(lg, CATS);
    lg.insertAdjacentHTML("beforeend", "<span class='muted'>states by region:</span>" +
      Object.entries(REGION_COLOUR).map(([r, c]) => `<span>${sw(c)}${esc(r.replace("_", " "))}</span>`).join(""));
    answerSources(ans);
    return { ans, links, nodes };
  }

  /* labels that would overlap another label or another state's dot are hidden, the states
     with the most commitments labelled first; a hidden label is still the dot's tooltip */
  function declutter(label) {
    const data = label.data();
    const dots = data.map((d) => { const r = 3 + Math.sqrt(d.deg) * 0.6;
      return [d.x - r, d.y - r, d.x + r, d.y + r, d]; });
    const placed = [];
    const els = label.nodes();
    const order = data.map((d, i) => i).sort((a, b) => data[b].deg - data[a].deg);
    const hits = (box, b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1];
    for (const i of order) {
      const d = data[i], el = els[i];
      const x = d.x + 3 + Math.sqrt(d.deg) * 0.6;
      const box = [x, d.y - 6, x + 7 * d.abb.length, d.y + 5];
      const hit = placed.some((b) => hits(box, b)) ||
        dots.some((b) => b[4] !== d && hits(box, b));
      el.style.display = hit ? "none" : "";
      if (!hit) placed.push(box);
    }
  }

  /* -- pages ------------------------------------------------------------------------------ */
  const pages = {};

  pages.map = function () {
    const form = $("#controls");
    const render = async () => {
      clearError();
      const p = fields(form); setURL(p);
      const q = new URLSearchParams({ state: p.get("state") || "", on: p.get("on") || "",
        direction: p.get("direction") || "both" });
      setLinks("/api/v1/commitments?" + q);
      try {
        const r = await drawMap($("#map"), q.get("state"), q.get("on"), q.get("direction"),
          (abb) => { $("#f-state").value = abb; render(); });
        const me = r.com.state.ccode, abb = esc(r.com.state.abb);
        const all = [...r.com.commitments, ...r.com.presumed];
        const given = all.filter((e) => e.from.ccode === me);
        const received = all.filter((e) => e.to.ccode === me);
        const n = (k, w) => `${k} ${w}${k === 1 ? "" : "s"}`;
        const dir = r.com.direction;
        let html = mapSummary(r.com, r.sys, r.cat);
        if (dir !== "received") {
          html += `<h2 id="given-title">Given by ${abb}: ${n(given.length, "commitment")} to
            ${n(new Set(given.map((e) => e.to.ccode)).size, "state")}</h2>${entryTable(given, "to", "given-table")}`;
        }
        if (dir !== "given") {
          html += `<h2 id="received-title">Received by ${abb}: ${n(received.length, "commitment")} from
            ${n(new Set(received.map((e) => e.from.ccode)).size, "state")}</h2>${entryTable(received, "from", "received-table")}`;
        }
        $("#summary").innerHTML = html;
        document.body.dataset.ready = "1";
      } catch (e) { showError(e); document.body.dataset.ready = "error"; }
    };
    onForm(form, render); slider(render); first(render);
  };

  pages.network = function () {
    const form = $("#controls");
    const render = async () => {
      clearError();
      const p = fields(form); setURL(p);
      setLinks("/api/v1/graph?" + p + "&limit=10000");
      try {
        const r = await drawNetwork($("#network"), p.toString());
        $("#summary").innerHTML = `<p>${r.ans.total} commitments in force on ${esc(r.ans.on)}
          between ${r.nodes.length} states (${r.links.length} linked pairs; a line shows the
          strongest promise of the pair). Drag a state to move it; double-click to open it.</p>`;
        document.body.dataset.ready = "1";
      } catch (e) { showError(e); document.body.dataset.ready = "error"; }
    };
    onForm(form, render); slider(render); first(render);
  };

  pages.timeline = function () {
    const form = $("#controls"), dform = $("#diff-controls");
    const render = async () => {
      clearError();
      const p = fields(form);
      for (const [k, v] of fields(dform)) p.set(k, v);
      setURL(p);
      const g = new URLSearchParams({ on: p.get("on") || "" });
      if (p.get("kind")) g.set("kind", p.get("kind"));
      setLinks("/api/v1/graph?" + g + "&limit=10000");
      try {
        const jobs = [drawNetwork($("#network"), g.toString())];
        if (p.get("state")) {
          jobs.push(drawMap($("#map"), p.get("state"), p.get("on"), "both",
            (abb) => { $("#f-state").value = abb; render(); }));
        }
        await Promise.all(jobs);
        await renderDiff(p);
        document.body.dataset.ready = "1";
      } catch (e) { showError(e); document.body.dataset.ready = "error"; }
    };
    const renderDiff = async (p) => {
      if (!p.get("from") || !p.get("to")) return;
      const q = new URLSearchParams({ from: p.get("from"), to: p.get("to") });
      if (p.get("state")) q.set("state", p.get("state"));
      const d = await api("/api/v1/diff?" + q);
      const who = d.state ? esc(d.state.name) : "all states";
      $("#diff").innerHTML = `<p>${who}, ${esc(d.from)} → ${esc(d.to)}: ${d.appeared.length} appeared,
        ${d.ended.length} ended. <a href="/api/v1/diff?${esc(q)}">JSON</a></p>
        <h3>Appeared</h3>${entryTable(d.appeared, "pair", "appeared-table")}<h3>Ended</h3>${entryTable(d.ended, "pair", "ended-table")}`;
    };
    onForm(form, render); onForm(dform, render); slider(render); first(render);
  };

  pages.instruments = function () {
    const form = $("#controls");
    const render = async () => {
      clearError();
      const p = fields(form); setURL(p);
      const url = "/api/v1/instruments?" + p + "&limit=1000";
      setLinks(url);
      try {
        const a = await api(url);
        $("#results").innerHTML = `<p>${a.total} instruments.</p><table class="entries"><thead><tr>
          <th>instrument</th><th>type</th><th>legal force</th><th>signed</th><th>in force</th>
          <th>terminated</th></tr></thead><tbody>${a.instruments.map((i) => `<tr><td>${instLink(i)}
          ${i.forum ? "<small>(forum)</small>" : ""}${i.coded_by === "ATOP" ? " <small>(coded by ATOP)</small>" : ""}
          ${i.presumed ? " <small>(presumed: ATOP ends 2018)</small>" : ""}</td><td>${esc(i.type)}</td><td>${esc(i.legal_force)}</td>
          <td>${esc(i.signed || "")}</td><td>${esc(i.in_force || "")}</td><td>${esc(i.terminated || "")}</td>
          </tr>`).join("")}</tbody></table>`;
        document.body.dataset.ready = "1";
      } catch (e) { showError(e); }
    };
    onForm(form, render); first(render);
  };

  /* restraint entries grouped by instrument, article and status (foedus restraints) */
  function restraintTable(entries, side, label) {
    const groups = new Map();
    for (const e of entries) {
      const key = [e.instrument.id, e.article, e.status, e.since].join("|");
      if (!groups.has(key)) groups.set(key, { e, states: [] });
      groups.get(key).states.push(e[side].abb);
    }
    if (!groups.size) return `<p class="muted">none ${esc(label)} others</p>`;
    const rows = [...groups.values()].map(({ e, states }) => `<tr><td>${instLink(e.instrument)}
      ${esc(e.article)}</td><td>${esc(e.status.replace(/_/g, " "))} ${esc(e.since || "")}
      ${e.by.length ? `(${esc(e.by.map((s) => s.abb).join(", "))})` : ""}
      ${e.reverse && e.reverse !== e.status ? `<small>reverse: ${esc(e.reverse)} ${esc(e.reverse_since || "")}</small>` : ""}</td>
      <td>${esc(e.limits.map((l) => l.text).join("; "))}</td><td>${esc(states.join(", "))}</td></tr>`).join("");
    return `<table class="entries"><thead><tr><th>restraint</th><th>status</th><th>limits</th>
      <th>${esc(label)}</th></tr></thead><tbody>${rows}</tbody></table>`;
  }

  pages.instrument = async function () {
    if (document.body.dataset.invalid) { document.body.dataset.ready = "error"; return; }
    const id = document.body.dataset.id;
    const reading = new URLSearchParams(location.search).get("reading") === "atop" ? "?reading=atop" : "";
    const url = "/api/v1/instruments/" + encodeURIComponent(id) + reading;
    setLinks(url);
    try {
      const i = await api(url);
      document.title = i.short || i.name;
      $("h1").textContent = i.name;
      const members = i.members.map((m) => `<tr><td>${stateLink(m.state)}</td><td>${esc(m.role)}</td>
        <td>${esc(m.from || "")}</td><td>${esc(m.to || "")}</td><td>${esc(m.note || "")}</td></tr>`).join("");
      const limits = (i.obligations || []).filter((o) => (o.limits || []).length || o.verification).map((o) =>
        `<tr><td>${esc(o.article || "")}</td><td>${esc((o.limits || []).map((l) => l.text).join("; "))}</td>
        <td>${esc(o.verification || "")}</td></tr>`).join("");
      const abbs = (xs) => (xs || []).map((x) => esc(x.abb || x)).join(", ");
      const against = (o) => o.conditions && o.conditions.adversaries && o.conditions.adversaries.length ?
        ` <small>against ${abbs(o.conditions.adversaries)}</small>` : "";
      const obligations = i.obligations.map((o) => `<tr><td>${esc(o.article || (o.phase ? "phase " + o.phase : ""))}</td><td>${esc(o.kind)}</td>
        <td>${esc(o.strength || "")}</td><td>${esc(o.legal_force || i.legal_force)}</td>
        <td>${o.quote ? `<blockquote>“${esc(o.quote)}”</blockquote>` : ""}${o.note ? `<small>${esc(o.note)}</small>` : ""}${against(o)}</td></tr>`).join("");
      const readings = (i.atop_readings || []).map((r) =>
        `<a href="/instrument/${esc(r.id)}?reading=atop">${esc(r.id)}</a>`).join(", ");
      const coded = i.coded_by === "ATOP" ?
        `<dt>coded by</dt><dd>ATOP ${esc(i.atop.atopid)} (not read from the text here) —
        <a href="${esc(i.atop.codesheet)}" rel="noopener noreferrer">ATOP codesheet</a>
        ${i.atop.covered_by.length ? ` · curated file: ${i.atop.covered_by.map((c) =>
          `<a href="/instrument/${esc(c)}">${esc(c)}</a>`).join(", ")}` : ""}</dd>` :
        `<dt>coded by</dt><dd>foedus registry (read from the text)${readings ? ` · ATOP's reading: ${readings}` : ""}</dd>`;
      const phases = (i.phases || []).length > 1 ? `<h2>Phases (ATOP)</h2><table class="entries"><thead><tr>
        <th>phase</th><th>from</th><th>to</th><th>pledges</th></tr></thead><tbody>${i.phases.map((p) =>
        `<tr><td>${esc(p.phase)}</td><td>${esc(p.from || "")}</td><td>${esc(p.to || "")}</td>
        <td>${esc(p.pledges.join(", "))}</td></tr>`).join("")}</tbody></table>` : "";
      $("#instrument").innerHTML = `<dl class="facts"><dt>type</dt><dd>${esc(i.type)}</dd>
        <dt>legal force</dt><dd>${esc(i.legal_force)}</dd><dt>signed</dt><dd>${esc(i.signed || "")}</dd>
        <dt>in force</dt><dd>${esc(i.in_force || "")}</dd><dt>terminated</dt><dd>${esc(i.terminated || "—")}</dd>
        ${coded}</dl>${phases}
        <h2>Obligations</h2><table class="entries"><thead><tr><th>article</th><th>kind</th><th>strength</th>
        <th>legal force</th><th>text</th></tr></thead><tbody>${obligations}</tbody></table>
        ${limits ? `<h2>Limits</h2><table class="entries"><thead><tr><th>article</th><th>limit</th>
        <th>verification</th></tr></thead><tbody>${limits}</tbody></table>` : ""}
        ${(i.life || []).length ? `<h2>Life</h2><ul>${i.life.map((e) => `<li>${esc(e.on)} <b>${esc(e.type)}</b>${e.formal ? "" : " (announced, political)"}:
          ${esc(e.states.map((s) => s.abb).join(", ") || "all parties")}${e.found_by.length ? `, found by ${esc(e.found_by.map((f) => f.abb || f).join(", "))}` : ""}
          ${e.effective ? `(effective ${esc(e.effective)})` : ""} ${e.note ? `<small>${esc(e.note)}</small>` : ""}
          ${e.source ? `<a href="${esc(e.source)}" rel="noopener noreferrer">source</a>` : ""}</li>`).join("")}</ul>` : ""}
        <h2>Members</h2><table class="entries"><thead><tr><th>state</th><th>role</th><th>from</th><th>to</th>
        <th>note</th></tr></thead><tbody>${members}</tbody></table>
        <h2>Sources</h2><ol>${i.sources.map((s) => `<li><a href="${esc(s.url)}" rel="noopener noreferrer">${esc(s.title || s.url)}</a>
        ${s.note ? `<small>${esc(s.note)}</small>` : ""}</li>`).join("")}</ol>
        ${i.notes ? `<h2>Notes</h2><p>${esc(i.notes)}</p>` : ""}`;
      answerSources({ datasets: [i.coded_by === "ATOP" ? "atop" : "registry"] });
      document.body.dataset.ready = "1";
    } catch (e) { showError(e); }
  };

  pages.state = function () {
    const form = $("#controls"), ref = document.body.dataset.state;
    const render = async () => {
      clearError();
      const p = fields(form); setURL(p);
      const on = p.get("on");
      const q = (dir) => "/api/v1/commitments?" + new URLSearchParams({ state: ref, on, direction: dir });
      setLinks(q("both"));
      try {
        const [rec, giv, st, ins, res] = await Promise.all([api(q("received")), api(q("given")),
          api("/api/v1/status?" + new URLSearchParams({ state: ref, on })),
          api("/api/v1/instruments?" + new URLSearchParams({ state: ref, on, limit: "1000" })),
          api("/api/v1/restraints?" + new URLSearchParams({ state: ref, on }))]);
        $("#restraints").innerHTML = restraintTable(res.received, "obligor", "from") +
          restraintTable(res.given, "beneficiary", "to");
        $("h1").textContent = `${rec.state.name} (${rec.state.abb}) on ${on}`;
        $("#received").innerHTML = entryTable(rec.commitments, "from");
        $("#given").innerHTML = entryTable(giv.commitments, "to");
        $("#status").innerHTML = st.statuses.length ? "<ul>" + st.statuses.map((s) =>
          `<li><b>${esc(s.status.replace(/_/g, " "))}</b> — ${instLink(s.instrument)} ${esc(s.article || "")}
          (${esc(s.legal_force)}, ${esc(s.valid_from || "")}–${esc(s.valid_to || "")})
          ${s.quote ? `<blockquote>“${esc(s.quote)}”</blockquote>` : ""}</li>`).join("") + "</ul>" :
          '<p class="muted">none recorded</p>';
        $("#forums").innerHTML = "<ul>" + ins.instruments.map((i) => `<li>${instLink(i)}
          ${i.forum ? "<small>(forum)</small>" : ""}</li>`).join("") + "</ul>";
        answerSources(rec);
        document.body.dataset.ready = "1";
      } catch (e) { showError(e); }
    };
    onForm(form, render); first(render);
  };

  /* -- the scenario builder --------------------------------------------------------------- */
  pages.scenario = function () {
    const form = $("#scenario-form");
    const attackRow = (a) => {
      const div = document.createElement("div");
      div.className = "row attack";
      div.innerHTML = `<label>attacker <input class="attacker" maxlength="64" value="${esc(a.attacker || "")}" required></label>
        <label>target <input class="target" maxlength="64" value="${esc(a.target || "")}" required></label>
        <button type="button" class="remove">×</button>`;
      div.querySelector(".remove").addEventListener("click", () => div.remove());
      $("#attacks").appendChild(div);
    };
    const editRow = (e) => {
      const div = document.createElement("div");
      div.className = "row edit";
      const op = Object.keys(e || { leave: 1 })[0];
      const v = (e || {})[op] || {};
      const simple = ["remove", "leave", "join", "suspend"].includes(op);
      div.innerHTML = `<select class="op">${["remove", "leave", "join", "suspend", "json"].map((o) =>
        `<option${o === (simple ? op : "json") ? " selected" : ""}>${o}</option>`).join("")}</select>
        <label>instrument <input class="instrument" maxlength="100" value="${esc(typeof v === "string" ? v : v.instrument || "")}"></label>
        <label>state <input class="state" maxlength="64" value="${esc(v.state || "")}"></label>
        <textarea class="json" rows="2" placeholder='{"promise": {...}}'>${simple ? "" : esc(JSON.stringify(e))}</textarea>
        <button type="button" class="remove">×</button>`;
      div.querySelector(".remove").addEventListener("click", () => div.remove());
      $("#edits").appendChild(div);
    };
    const spec = () => {
      const f = (n) => form.elements[n].value;
      const attacks = $$(".attack", form).map((d) => ({ attacker: $(".attacker", d).value.trim(),
        target: $(".target", d).value.trim() })).filter((a) => a.attacker || a.target);
      const edits = $$(".edit", form).map((d) => {
        const op = $(".op", d).value, inst = $(".instrument", d).value.trim(), st = $(".state", d).value.trim();
        if (op === "json") return JSON.parse($(".json", d).value || "{}");
        if (op === "remove") return { remove: inst };
        if (op === "suspend") return { suspend: st ? { instrument: inst, state: st } : { instrument: inst } };
        return { [op]: { instrument: inst, state: st } };
      });
      const model = { draws: Number(f("draws") || 0) };
      if (f("seed") !== "") model.seed = Number(f("seed"));
      return { date: f("date"), source: f("source") || "all", attacks, edits, model };
    };
    const fill = (s) => {
      form.elements.date.value = s.date || "";
      form.elements.source.value = s.source || "all";
      if (s.model) { form.elements.draws.value = s.model.draws ?? 2000; form.elements.seed.value = s.model.seed ?? ""; }
      $("#attacks").innerHTML = ""; $("#edits").innerHTML = "";
      (s.attacks || []).forEach(attackRow);
      (s.edits || []).forEach(editRow);
    };
    const run = async () => {
      clearError();
      let s;
      try { s = spec(); } catch (e) { showError({ message: "an edit is not valid JSON: " + e.message }); return; }
      setURL(new URLSearchParams({ spec: JSON.stringify(s) }));
      setLinks(null);
      $("#result").innerHTML = '<p class="muted">running…</p>';
      try {
        const a = await api("/api/v1/scenario/run", { method: "POST",
          headers: { "Content-Type": "application/json" }, body: JSON.stringify(s) });
        $("#json-link").href = URL.createObjectURL(new Blob([JSON.stringify(a, null, 1)], { type: "application/json" }));
        renderScenario(a);
        answerSources(a);
        document.body.dataset.ready = "1";
      } catch (e) { $("#result").innerHTML = ""; showError(e); document.body.dataset.ready = "error"; }
    };
    const renderScenario = (a) => {
      const rounds = a.rounds.map((r, i) => `<li class="round"><b>round ${i}</b>: ${r.map((s) =>
        `<span class="entrant ${esc(s.side)}" title="${esc((s.because || []).map((b) => b.instrument.id + " " + (b.article || "")).join("; "))}">${esc(s.state.abb)}</span>`).join(" ")}
        ${i > 0 ? `<small>${esc([...new Set(r.flatMap((s) => (s.because || []).map((b) => b.instrument.id + " " + (b.article || ""))))].join("; "))}</small>` : ""}</li>`).join("");
      const pct = (x) => x == null ? "" : (100 * x).toFixed(1) + "%";
      const states = a.states.map((s) => `<tr><td>${stateLink(s.state)}</td><td>${esc(s.side || "")}</td>
        <td class="num">${pct(s.p_enter)}</td><td class="num">${pct(s.p_attacker_side)}</td>
        <td class="num">${pct(s.p_defender_side)}</td><td>${esc(s.first_round ?? "")}</td>
        <td><small>${esc((s.reasons || []).join("; "))}</small></td></tr>`).join("");
      const ws = a.war_size ? `war size: mean ${a.war_size.mean}, 90% interval ${a.war_size.p05}–${a.war_size.p95}, max ${a.war_size.max}` : "no draws: the deterministic resolution only";
      $("#result").innerHTML = `<h2>Cascade by rounds (every duty honoured)</h2><ol class="rounds">${rounds}</ol>
        <p>${a.draws} draws, seed ${esc(a.seed)} — ${esc(ws)}. Model: ${esc(a.model && a.model.credibility)}.</p>
        <h2>Who enters, and on which side</h2><table class="entries"><thead><tr><th>state</th><th>side</th>
        <th>P(enter)</th><th>P(attacker's side)</th><th>P(defender's side)</th><th>first round</th><th>why</th></tr></thead>
        <tbody>${states}</tbody></table>
        ${a.conflicts && a.conflicts.length ? `<h2>Conflicted</h2><pre>${esc(JSON.stringify(a.conflicts, null, 1))}</pre>` : ""}
        <h2>Promises that fired</h2>${entryTable(a.triggered, "from")}`;
    };
    $("#add-attack").addEventListener("click", () => attackRow({}));
    $("#add-edit").addEventListener("click", () => editRow(null));
    $("#save").addEventListener("click", async () => {
      const token = window.prompt("API token (from the operator):");
      if (!token) return;
      try {
        const r = await api("/api/v1/scenarios", { method: "POST", headers: {
          "Content-Type": "application/json", Authorization: "Bearer " + token }, body: JSON.stringify(spec()) });
        $("#result").insertAdjacentHTML("afterbegin", `<p>Saved: <a href="${esc(r.url)}">${esc(r.url)}</a></p>`);
      } catch (e) { showError(e); }
    });
    form.addEventListener("submit", (ev) => { ev.preventDefault(); run(); });
    const p = new URLSearchParams(location.search);
    (async () => {
      if (p.get("saved")) {
        try { fill((await api("/api/v1/scenarios/" + encodeURIComponent(p.get("saved")))).scenario); run(); }
        catch (e) { showError(e); }
      } else if (p.get("spec")) {
        try { fill(JSON.parse(p.get("spec"))); run(); } catch (e) { showError({ message: "bad spec in the URL" }); }
      } else {
        // the date, source, draws and seed the server put in the form (from ?date=... or
        // its defaults), not fixed ones: a link to /scenario?date=1914-07-28 keeps its day
        const f = (n, d) => form.elements[n].value || d;
        fill({ date: f("date", "2025-06-01"), source: f("source", "all"),
          attacks: [{ attacker: "RUS", target: "EST" }], edits: [],
          model: { draws: Number(f("draws", "2000")), seed: Number(f("seed", "7")) } });
      }
    })();
  };

  /* -- the guarantor finder --------------------------------------------------------------- */
  function factorList(f) {
    if (f == null) return "";
    if (typeof f !== "object") return esc(f);
    return "<ul class='factors'>" + Object.entries(f).map(([k, v]) =>
      `<li><b>${esc(k.replace(/_/g, " "))}</b>: ${typeof v === "object" && v !== null ?
        esc(JSON.stringify(v)) : esc(typeof v === "number" ? +v.toFixed(4) : v)}</li>`).join("") + "</ul>";
  }
  pages.guarantors = function () {
    const form = $("#controls");
    const render = async () => {
      clearError();
      const p = fields(form); setURL(p);
      const url = "/api/v1/guarantors?" + p;
      setLinks(url);
      try {
        // the ranked candidates first (a second or so); the coalitions, which run the
        // scenario engine, fill in after; the day's gaps on demand
        const a = await api(url + "&coalitions=false");
        const list = a.candidates || [];
        const threats = (a.threats || []).map((t) => `<li>${stateLink(t.state)}
          <small>${esc((t.why || []).join("; "))}</small></li>`).join("");
        const SHOWN = 40;
        const rows = list.slice(0, SHOWN).map((c, i) => `<tr><td>${i + 1}</td><td>${stateLink(c.state)}</td>
          <td class="num">${esc(c.score)}</td><td>${factorList(c.factors)}</td>
          <td><small>${esc((c.reasons || []).join("; "))}</small>
          ${c.conflicts && c.conflicts.length ? `<br><small class="error-text">conflicts: ${esc(JSON.stringify(c.conflicts))}</small>` : ""}</td></tr>`).join("");
        $("#result").innerHTML = `<p>${list.length} candidates to guarantee ${stateLink(a.target)} on ${esc(a.on)}
          ${list.length > SHOWN ? `(the best ${SHOWN} shown; all in the JSON)` : ""} against:</p><ul>${threats || "<li>no threat named or inferred</li>"}</ul>
          <table class="entries candidates"><thead><tr><th>#</th><th>candidate</th><th>score</th><th>factors</th>
          <th>reasons</th></tr></thead><tbody>${rows}</tbody></table>
          <h2>Coalitions</h2><div id="coalitions"><p class="muted">testing coalitions on the
          scenario engine…</p></div>`;
        answerSources(a);
        $("#gaps").innerHTML = `<button type="button" id="show-gaps">Show the day's gaps: states
          with no credible guarantor</button>`;
        $("#show-gaps").addEventListener("click", () => renderGaps(p.get("on")).catch(showError));
        document.body.dataset.ready = "1";
        api(url).then((full) => {
          const coalitions = (full.coalitions || []).map((c) => `<li>${c.members.map((m) => esc(m.abb)).join(" + ")}:
            P(deters) ${esc(c.p_deters)}, capability ratio ${esc(c.capability_ratio)}</li>`).join("");
          $("#coalitions").innerHTML = coalitions ? `<ul>${coalitions}</ul>` :
            '<p class="muted">no coalition to test (no candidate able to help)</p>';
          document.body.dataset.coalitions = "1";
        }).catch((e) => { $("#coalitions").textContent = "coalitions: " + (e.message || e); });
      } catch (e) { $("#result").innerHTML = ""; showError(e); document.body.dataset.ready = "error"; }
    };
    const renderGaps = async (on) => {
      $("#gaps").innerHTML = '<p class="muted">finding the gaps of the day…</p>';
      const g = await api("/api/v1/gaps?" + new URLSearchParams({ on }));
      const list = g.gaps || [];
      $("#gaps").innerHTML = `<h2>Gaps on ${esc(g.on)}</h2><p>${list.length} states with no credible
        guarantor against their likely threats. <a href="/api/v1/gaps?on=${esc(on)}">JSON</a></p>
        <table class="entries gaps"><thead><tr><th>state</th><th>threats</th><th>exposure</th>
        <th>best candidate</th></tr></thead><tbody>${list.map((x) => `<tr><td>${stateLink(x.state)}</td>
        <td>${(x.threats || []).map((t) => esc(t.state.abb)).join(", ")}</td><td class="num">${esc(x.exposure)}</td>
        <td>${x.best ? `${esc(x.best.state.abb)} <small>${esc(x.best.score)}</small>` : ""}</td>
        </tr>`).join("")}</tbody></table>`;
    };
    onForm(form, render); first(render);
  };

  /* -- the dataset builder ---------------------------------------------------------------- */
  pages.datasets = function () {
    const form = $("#dataset-form");
    const sync = () => {
      const unit = form.elements.unit.value;
      $$("label.verb").forEach((l) => {
        const ok = l.dataset.units.split(",").includes(unit);
        const box = $("input", l);
        box.disabled = !ok; if (!ok) box.checked = false;
        l.classList.toggle("muted", !ok);
      });
      $("#add-joined").value = $$("input[name=verb]:checked").map((b) => b.value).join(",");
      const p = fields(form); p.delete("verb");
      const url = "/api/v1/datasets/download?" + p;
      $("#download-link").href = url; $("#download-link").textContent = url;
      setLinks("/api/v1/datasets");
      setURL(p);
    };
    form.addEventListener("change", sync); form.addEventListener("input", sync);
    form.addEventListener("submit", (ev) => { ev.preventDefault(); sync(); location.href = $("#download-link").href; });
    sync();
    document.body.dataset.ready = "1";
  };

  pages.home = function () { setLinks("/api/v1/datasets"); document.body.dataset.ready = "1"; };

  if (pages[page]) pages[page]();
})();
