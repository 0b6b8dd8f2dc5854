// The AiMass dashboard: jobs, the cluster, and a selected job's progress, live from the coordinator's API.
// Every data call carries the API token in the Authorization header (EventSource cannot set headers, so the
// progress stream is read with fetch). The token comes from the form or from the URL fragment (#token=...),
// which browsers never send to a server, and is kept in this tab's session storage only.
"use strict";

const TOKEN_KEY = "aimass.token";
const state = { token: null, job: null, stream: null, lowerBounds: [], times: [], charts: {} };
const $ = (id) => document.getElementById(id);

function readToken() {
  const fragment = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fragment) {
    sessionStorage.setItem(TOKEN_KEY, fragment);
    // Drop the token from the address bar and the history.
    history.replaceState(null, "", location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function askToken(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  $("main").hidden = true;
  $("forget").hidden = true;
  $("token-form").hidden = false;
  $("token-error").hidden = !message;
  $("token-error").textContent = message || "";
  $("connection").textContent = "not connected";
}

class Unauthorized extends Error {}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { Authorization: "Bearer " + state.token },
    cache: "no-store",
  });
  if (response.status === 401) {
    askToken("The coordinator refused this token; enter the current one.");
    throw new Unauthorized();
  }
  return response;
}

async function json(path) {
  const response = await api(path);
  if (!response.ok) {
    throw new Error(path + ": " + response.status);
  }
  return response.json();
}

function text(value) {
  return value === null || value === undefined ? "–" : String(value);
}

function cell(row, value, className) {
  const td = row.insertCell();
  td.textContent = text(value);
  if (className) td.className = className;
  return td;
}

function shortAddress(address) {
  return String(address).replace(/^akka(\.ssl)?\.tcp:\/\//, "");
}

function stateName(value) {
  return String(value || "").toLowerCase();
}

async function refreshJobs() {
  const list = await json("/api/jobs");
  const body = $("jobs").tBodies[0];
  body.replaceChildren();
  for (const job of list.jobs) {
    const row = body.insertRow();
    row.className = "job-row" + (job.job_id === state.job ? " selected" : "");
    row.dataset.job = job.job_id;
    cell(row, job.job_id);
    cell(row, stateName(job.state), "state-" + stateName(job.state));
    cell(row, job.iterations_total + " it · " + job.partitions_done + "/" + job.partitions_total + " parts");
    cell(row, job.summary);
    row.addEventListener("click", () => select(job.job_id));
  }
  $("connection").textContent = "connected · " + list.jobs.length + " job(s)";
}

async function refreshMembers() {
  const view = await json("/api/cluster");
  const body = $("members").tBodies[0];
  body.replaceChildren();
  for (const member of view.members) {
    const row = body.insertRow();
    cell(row, shortAddress(member.address));
    cell(row, member.roles.join(", "));
    cell(row, member.status);
    cell(row, member.device);
    const held = member.partitions;
    cell(row, held.length ? held.length + " · " + held.join(" ") : "", "partitions");
  }
}

function chart(id, label, color) {
  const element = $(id);
  const options = {
    width: Math.max(320, element.clientWidth || 600), height: 180,
    scales: { x: { time: false } },
    axes: [{ label: "iteration" }, { size: 70 }],
    series: [{ label: "iteration" }, { label, stroke: color, width: 2, points: { show: true, size: 5 } }],
  };
  return new uPlot(options, [[], []], element);
}

function resetJobView(id) {
  state.lowerBounds = [];
  state.times = [];
  for (const name of ["lb", "time"]) {
    if (state.charts[name]) state.charts[name].destroy();
  }
  state.charts.lb = chart("lb-chart", "lower bound", "#175cd3");
  state.charts.time = chart("time-chart", "ms", "#dc6803");
  $("job-title").textContent = "Job " + id;
  $("job-state").textContent = "–";
  $("job-error").hidden = true;
  $("partition-bars").replaceChildren();
  setIterations();
}

function setIterations() {
  const n = state.lowerBounds.length;
  const xs = Array.from({ length: n }, (_, i) => i + 1);
  state.charts.lb.setData([xs, state.lowerBounds]);
  state.charts.time.setData([xs, state.times]);
  $("lb-chart").dataset.points = String(n);
  $("time-chart").dataset.points = String(n);
  $("iterations-count").textContent = String(n);
  $("iterations-count").dataset.iterations = String(n);
  $("job-lower-bound").textContent = n ? state.lowerBounds[n - 1].toFixed(6) : "–";
}

function showStatus(status) {
  const name = stateName(status.state);
  $("job-state").textContent = name;
  $("job-state").className = "state-" + name;
  $("job-state").dataset.state = name;
  $("job-error").hidden = !status.error;
  $("job-error").textContent = status.error || "";
}

async function refreshTimings(id) {
  const timings = await json("/api/jobs/" + encodeURIComponent(id) + "/timings");
  if (id !== state.job) return;
  const bars = $("partition-bars");
  bars.replaceChildren();
  bars.dataset.step = String(timings.step);
  const longest = Math.max(1e-9, ...timings.partitions.map((p) => p.milliseconds));
  for (const p of timings.partitions) {
    const bar = document.createElement("div");
    bar.className = "bar";
    bar.title = p.worker + " · " + p.device;
    const label = document.createElement("span");
    label.className = "label";
    label.textContent = "partition " + p.partition;
    const fill = document.createElement("span");
    fill.className = "fill";
    fill.style.width = Math.max(2, (300 * p.milliseconds) / longest) + "px";
    const value = document.createElement("span");
    value.textContent = p.milliseconds.toFixed(1) + " ms on " + shortAddress(p.worker);
    bar.append(label, fill, value);
    bars.append(bar);
  }
}

async function follow(id) {
  const controller = new AbortController();
  state.stream = controller;
  const response = await fetch("/api/jobs/" + encodeURIComponent(id) + "/events", {
    headers: { Authorization: "Bearer " + state.token }, signal: controller.signal, cache: "no-store",
  });
  if (response.status === 401) {
    askToken("The coordinator refused this token; enter the current one.");
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      if (line.trim() && id === state.job) onEvent(id, JSON.parse(line));
    }
  }
  if (id === state.job) await refreshTimings(id);
}

function onEvent(id, event) {
  if (event.type === "iteration") {
    state.lowerBounds.push(event.entry.lower_bound);
    state.times.push(event.entry.milliseconds);
    setIterations();
    refreshTimings(id).catch(report);
  } else if (event.type === "status") {
    showStatus(event.status);
  }
}

function select(id) {
  if (state.stream) state.stream.abort();
  state.job = id;
  for (const row of document.querySelectorAll("tr.job-row")) {
    row.classList.toggle("selected", row.dataset.job === id);
  }
  resetJobView(id);
  follow(id).catch(report);
}

function report(error) {
  if (error instanceof Unauthorized || (error && error.name === "AbortError")) return;
  $("connection").textContent = "error: " + error.message;
}

async function poll() {
  if (!state.token) return;
  try {
    await refreshJobs();
    await refreshMembers();
    if (!state.job) {
      const first = document.querySelector("tr.job-row");
      if (first) select(first.dataset.job);
    }
  } catch (error) {
    report(error);
  }
}

function connect(token) {
  state.token = token;
  $("token-form").hidden = true;
  $("main").hidden = false;
  $("forget").hidden = false;
  poll();
}

$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const token = $("token-input").value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  $("token-input").value = "";
  connect(token);
});
$("forget").addEventListener("click", () => askToken(""));
window.addEventListener("hashchange", () => {
  const token = readToken();
  if (token) connect(token);
});

const initial = readToken();
if (initial) connect(initial); else askToken("");
setInterval(poll, 2000);
