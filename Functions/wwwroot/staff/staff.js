// The staff page: plain JavaScript against the staff API, no build step.
// Every value from the server is written with textContent, never as HTML.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const keyStore = "followup.staffKey";
  let me = null;
  let bySession = false; // signed in through App Service Authentication (a cookie), not with a key
  let skewMs = 0; // server clock minus this browser's clock; time left is counted by the server's clock
  let current = null; // the inquiry shown in the detail view

  const serverNow = () => Date.now() + skewMs;

  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  function showAlert(message, info) {
    const a = $("alert");
    a.textContent = message;
    a.className = info ? "alert info" : "alert";
    a.hidden = !message;
  }

  async function api(path, options = {}) {
    const headers = { Accept: "application/json" };
    const key = sessionStorage.getItem(keyStore);
    if (key) headers.Authorization = "Bearer " + key;
    if (options.json !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path, {
      method: options.method || "GET",
      headers,
      body: options.json !== undefined ? JSON.stringify(options.json) : undefined,
    });
    if (response.status === 401) {
      if (!options.quiet) signOut("Your staff key was not accepted. Sign in again.");
      throw new Error("unauthorized");
    }
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      const errors = body && body.errors ? " " + Object.values(body.errors).flat().join(" ") : "";
      throw new Error(((body && (body.detail || body.title)) || "Request failed (" + response.status + ").") + errors);
    }
    return body;
  }

  function describeLeft(inquiry) {
    if (inquiry.firstContactedAt) return { text: "Contacted", state: "contacted" };
    const minutes = Math.round((Date.parse(inquiry.respondBy) - serverNow()) / 60000);
    const span = (m) => (m >= 120 ? Math.round(m / 60) + " h" : m + " min");
    if (minutes < 0) return { text: "Overdue by " + span(-minutes), state: "overdue" };
    return { text: span(minutes) + " left", state: minutes <= 15 ? "soon" : "" };
  }

  function stateOf(inquiry) {
    if (inquiry.status !== "open") return "Closed" + (inquiry.outcome ? " (" + inquiry.outcome + ")" : "");
    if (inquiry.replyPendingSince) return "Replied, waiting for an answer";
    if (inquiry.firstContactedAt) return "Contacted";
    if (inquiry.claimedBy) return "Claimed";
    return inquiry.ownerId ? "Waiting" : "Unassigned";
  }

  function cell(row, label, content, className) {
    const td = el("td", typeof content === "string" ? content : null, className);
    td.dataset.label = label;
    if (content instanceof Node) td.append(content);
    row.append(td);
    return td;
  }

  async function loadInquiries() {
    const list = await api("/api/staff/inquiries");
    const due = (i) => (i.firstContactedAt ? Number.MAX_SAFE_INTEGER : Date.parse(i.respondBy));
    list.sort((a, b) => due(a) - due(b));
    const body = $("inquiries-table").querySelector("tbody");
    body.replaceChildren();
    for (const inquiry of list) {
      const left = describeLeft(inquiry);
      const row = el("tr", null, left.state);
      row.dataset.id = inquiry.id;
      const open = el("button", inquiry.name, "link");
      open.type = "button";
      open.setAttribute("aria-label", "Open " + inquiry.name + " (" + inquiry.code + ")");
      open.addEventListener("click", () => showDetail(inquiry.id));
      cell(row, "Prospect", open);
      cell(row, "Source", inquiry.source);
      cell(row, "Owner", inquiry.owner || "Nobody yet");
      cell(row, "State", stateOf(inquiry));
      cell(row, "Time left", left.text, "due");
      body.append(row);
    }
    $("inquiries-empty").hidden = list.length > 0;
    $("inquiries-table").hidden = list.length === 0;
  }

  async function loadTeam() {
    if (!me.isManager) return;
    const load = await api("/api/staff/load");
    const body = $("load-table").querySelector("tbody");
    body.replaceChildren();
    for (const person of load) {
      const row = el("tr");
      cell(row, "Person", person.name);
      cell(row, "On duty", person.onDuty ? "Yes" : "No");
      cell(row, "Open", String(person.open), "num");
      cell(row, "Overdue", String(person.overdue), person.overdue > 0 ? "num overdue" : "num");
      cell(row, "Lapsed today", String(person.lapsedToday), person.lapsedToday > 0 ? "num overdue" : "num");
      body.append(row);
    }
  }

  // The speed-to-lead report (managers): a table per person and per source, and a bar chart drawn as SVG.
  async function loadReport() {
    const query = "from=" + encodeURIComponent($("report-from").value) + "&to=" + encodeURIComponent($("report-to").value);
    const report = await api("/api/staff/report?" + query);
    const body = $("report-table").querySelector("tbody");
    body.replaceChildren();
    const number = (v) => (v === null || v === undefined ? "-" : String(v));
    for (const line of report.owners.concat(report.sources)) {
      const row = el("tr");
      cell(row, "Who or where", (line.dimension === "owner" ? "" : "Source: ") + line.name);
      cell(row, "Inquiries", String(line.inquiries), "num");
      cell(row, "Contacted", String(line.contacted), "num");
      cell(row, "Median min", number(line.medianMinutes), "num");
      cell(row, "90% within min", number(line.p90Minutes), "num");
      cell(row, "In promise", line.contactedInWindow === null ? "-" : Math.round(line.contactedInWindow * 100) + "%", "num");
      cell(row, "Lapsed", String(line.lapsedPromises), "num");
      cell(row, "Escalated", String(line.escalations), "num");
      cell(row, "Attempts each", String(line.attemptsPerInquiry), "num");
      cell(row, "Unanswered replies", String(line.repliesUnanswered), line.repliesUnanswered > 0 ? "num overdue" : "num");
      body.append(row);
    }
    drawChart(report.owners.filter((o) => o.medianMinutes !== null));
  }

  function drawChart(owners) {
    const svg = $("report-chart");
    const ns = "http://www.w3.org/2000/svg";
    svg.replaceChildren();
    const barHeight = 28, gap = 10, labelWidth = 120;
    const height = owners.length * (barHeight + gap);
    svg.setAttribute("height", String(height));
    svg.setAttribute("viewBox", "0 0 400 " + height);
    svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
    const max = Math.max(1, ...owners.map((o) => o.medianMinutes));
    owners.forEach((o, i) => {
      const y = i * (barHeight + gap);
      const label = document.createElementNS(ns, "text");
      label.setAttribute("x", "0");
      label.setAttribute("y", String(y + barHeight * 0.7));
      label.textContent = o.name;
      const bar = document.createElementNS(ns, "rect");
      bar.setAttribute("x", String(labelWidth));
      bar.setAttribute("y", String(y));
      bar.setAttribute("height", String(barHeight));
      bar.setAttribute("width", String(Math.max(2, ((400 - labelWidth - 60) * o.medianMinutes) / max)));
      bar.setAttribute("class", "bar");
      const value = document.createElementNS(ns, "text");
      value.setAttribute("x", String(labelWidth + Math.max(2, ((400 - labelWidth - 60) * o.medianMinutes) / max) + 6));
      value.setAttribute("y", String(y + barHeight * 0.7));
      value.textContent = o.medianMinutes + " min";
      const title = document.createElementNS(ns, "title");
      title.textContent = o.name + ": median " + o.medianMinutes + " minutes to first contact";
      bar.append(title);
      svg.append(label, bar, value);
    });
  }

  async function downloadReportCsv() {
    const headers = { Accept: "text/csv" };
    const key = sessionStorage.getItem(keyStore);
    if (key) headers.Authorization = "Bearer " + key;
    const query = "from=" + encodeURIComponent($("report-from").value) + "&to=" + encodeURIComponent($("report-to").value);
    const response = await fetch("/api/staff/report?format=csv&" + query, { headers });
    if (!response.ok) { showAlert("The report could not be downloaded (" + response.status + ")."); return; }
    const link = el("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = "speed-to-lead-" + $("report-from").value + "-" + $("report-to").value + ".csv";
    document.body.append(link);
    link.click();
    link.remove();
  }

  function fact(list, term, value) {
    if (value === null || value === undefined || value === "") return;
    list.append(el("dt", term), el("dd", value));
  }

  const when = (iso) => new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });

  async function showDetail(id) {
    const detail = await api("/api/staff/inquiries/" + encodeURIComponent(id));
    current = detail.inquiry;
    const i = current;
    $("detail-title").textContent = i.name + " (" + i.code + ")";
    const facts = $("detail-facts");
    facts.replaceChildren();
    fact(facts, "Phone", i.phone);
    fact(facts, "Email", i.email);
    fact(facts, "Source", i.source);
    fact(facts, "Message", detail.message);
    fact(facts, "Owner", i.owner || "Nobody yet");
    fact(facts, "State", stateOf(i));
    if (i.urgentAt) fact(facts, "Urgent", "Called again and again without an answer (" + when(i.urgentAt) + ")");
    if (i.replyPendingSince) fact(facts, "Their reply", i.lastReply + " (" + when(i.replyPendingSince) + "; answer by texting R " + i.code + " and your answer)");
    fact(facts, "Respond by", when(i.respondBy) + " (" + describeLeft(i).text + ")");
    fact(facts, "Submissions", String(i.submissions));
    $("claim").disabled = i.status !== "open" || i.claimedBy === me.id;
    $("claim").textContent = i.claimedBy === me.id ? "Claimed by you" : "Claim";
    $("call").disabled = i.status !== "open" || !i.phone;

    const events = detail.timeline.map((e) => ({ at: e.at, text: e.detail || e.type, by: e.actor }))
      .concat(detail.attempts.map((a) => ({ at: a.at, text: "Attempt by " + a.by + ": " + a.channel + ", " + a.outcome + (a.note ? " - " + a.note : ""), by: a.by })))
      .concat((detail.calls || []).map((c) => ({ at: c.at, text: describeCall(c), recording: c.recording })))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const timeline = $("timeline");
    timeline.replaceChildren();
    for (const e of events) {
      const item = el("li");
      const time = el("time", when(e.at));
      time.dateTime = e.at;
      item.append(time, el("span", e.text));
      if (e.recording) item.append(playButton(e.recording));
      timeline.append(item);
    }

    $("inquiries").hidden = true;
    $("detail").hidden = false;
    $("detail").focus();
  }

  function describeCall(c) {
    const length = (s) => (s === null || s === undefined ? "" : " (" + s + " s)");
    const what = c.direction === "callback"
      ? (c.staff || "Staff") + " called them: " + c.outcome + length(c.seconds)
      : c.outcome === "answered" ? "Call answered by " + (c.staff || "staff") + length(c.seconds) : "Missed call";
    if (c.voicemailSeconds === null || c.voicemailSeconds === undefined) return what;
    return what + ". Voicemail" + length(c.voicemailSeconds) + (c.transcript ? ": " + c.transcript : c.transcript === "" ? ": no transcript" : "");
  }

  // A voicemail plays through the app with the staff key (never a public link): fetched, then played from memory.
  function playButton(path) {
    const button = el("button", "Play voicemail", "link");
    button.type = "button";
    button.addEventListener("click", async () => {
      try {
        const headers = {};
        const key = sessionStorage.getItem(keyStore);
        if (key) headers.Authorization = "Bearer " + key;
        const response = await fetch(path, { headers, credentials: "same-origin" });
        if (!response.ok) throw new Error("The voicemail could not be played (" + response.status + ").");
        const audio = el("audio");
        audio.controls = true;
        audio.src = URL.createObjectURL(await response.blob());
        button.replaceWith(audio);
        audio.play().catch(() => {});
      } catch (error) {
        showAlert(error.message);
      }
    });
    return button;
  }

  function hideDetail() {
    $("detail").hidden = true;
    $("inquiries").hidden = false;
    current = null;
    refresh();
  }

  async function act(path, json, done) {
    try {
      await api("/api/staff/inquiries/" + encodeURIComponent(current.id) + path, { method: "POST", json });
      showAlert(done, true);
      await showDetail(current.id);
    } catch (error) {
      if (error.message !== "unauthorized") showAlert(error.message);
    }
  }

  async function refresh() {
    try {
      await Promise.all([loadInquiries(), loadTeam(), me.isManager ? loadReport() : null]);
    } catch (error) {
      if (error.message !== "unauthorized") showAlert(error.message);
    }
  }

  // With a key, or with none to ask whether this browser is already signed in through App Service.
  async function signIn(key) {
    if (key) sessionStorage.setItem(keyStore, key);
    try {
      const started = Date.now();
      me = await api("/api/staff/me", { quiet: !key });
      bySession = !key;
      skewMs = Date.parse(me.now) - (started + Date.now()) / 2;
    } catch (error) {
      if (error.message !== "unauthorized") showAlert(error.message);
      return;
    }
    $("me-name").textContent = "Signed in as " + me.name + (me.isManager ? " (manager)" : "");
    $("whoami").hidden = false;
    $("sign-in").hidden = true;
    $("work").hidden = false;
    $("load-tab").hidden = !me.isManager;
    $("load").hidden = !me.isManager;
    $("import-tab").hidden = !me.mayImport;
    $("report-tab").hidden = !me.isManager;
    $("report").hidden = !me.isManager;
    if (me.isManager && !$("report-from").value) {
      const day = (offset) => new Date(Date.parse(me.now) - offset * 86400000).toISOString().slice(0, 10);
      $("report-from").value = day(6);
      $("report-to").value = day(0);
    }
    $("import").hidden = !me.mayImport;
    showAlert("");
    await refresh();
  }

  function signOut(message) {
    if (bySession && !message) {
      window.location.href = "/.auth/logout?post_logout_redirect_uri=/api/pages/staff/";
      return;
    }
    sessionStorage.removeItem(keyStore);
    bySession = false;
    me = null;
    $("work").hidden = true;
    $("whoami").hidden = true;
    $("sign-in").hidden = false;
    $("key").value = "";
    showAlert(message || "");
    $("key").focus();
  }

  // Imports stream one JSON line per row; the bar shows rows done of the rows in the file.
  function importLeads(form) {
    const file = $("import-file").files[0];
    if (!file) return;
    const status = $("import-status");
    const bar = $("import-bar");
    const problems = $("import-problems").querySelector("tbody");
    problems.replaceChildren();
    $("import-problems").hidden = true;
    $("import-progress").hidden = false;
    $("import-start").disabled = true;
    bar.value = 0;
    status.textContent = "Uploading...";

    file.text().then(async (text) => {
      const expected = Math.max(1, text.split(/\r?\n/).filter((l) => l.trim()).length - 1);
      const counts = {};
      let rows = 0;
      let summary = null;
      const headers = { Accept: "application/x-ndjson" };
      const key = sessionStorage.getItem(keyStore);
      if (key) headers.Authorization = "Bearer " + key;
      const line = (json) => {
        const item = JSON.parse(json);
        if (item.type === "row") {
          rows++;
          counts[item.status] = (counts[item.status] || 0) + 1;
          if (!["created", "existing", "already-imported"].includes(item.status)) {
            const row = el("tr");
            cell(row, "Line", String(item.line));
            cell(row, "Name", item.name || "");
            cell(row, "Result", item.status);
            cell(row, "Why", [item.detail].concat(item.errors ? Object.entries(item.errors).map(([f, m]) => f + ": " + m.join(" ")) : []).join(" "));
            problems.append(row);
            $("import-problems").hidden = false;
          }
        } else if (item.type === "summary") {
          summary = item.summary;
        }
      };
      try {
        const response = await fetch("/api/leads/import", { method: "POST", headers, body: new FormData(form), credentials: "same-origin" });
        if (response.status !== 200) {
          let problem = null;
          try { problem = await response.json(); } catch { /* not JSON */ }
          const errors = problem && problem.errors ? " " + Object.values(problem.errors).flat().join(" ") : "";
          status.textContent = "Import not started: " + ((problem && (problem.detail || problem.title)) || "HTTP " + response.status) + errors;
          if (response.status === 401) signOut("Your staff key was not accepted. Sign in again.");
          return;
        }

        // Read the answer as it streams, one line per row: each piece once, however long the list.
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = "";
        let painted = 0;
        for (;;) {
          const { value, done } = await reader.read();
          buffer += decoder.decode(value || new Uint8Array(), { stream: !done });
          let end;
          while ((end = buffer.indexOf("\n")) >= 0) {
            const json = buffer.slice(0, end);
            buffer = buffer.slice(end + 1);
            if (json) line(json);
          }
          if (done) break;
          if (performance.now() - painted > 200) {
            // A few times a second is progress enough; a line per row would keep the page busy repainting.
            painted = performance.now();
            bar.value = Math.min(100, Math.round((100 * rows) / expected));
            status.textContent = "Imported " + n(rows) + " of about " + n(expected) + " rows: " + describe(counts) + ".";
          }
        }

        bar.value = 100;
        status.textContent = summary
          ? "Done: " + n(summary.rows) + " rows. " + n(summary.created) + " new, " + n(summary.existing) + " already open, " + n(summary.alreadyImported) + " imported before, " +
            n(summary.duplicate) + " repeated in the file, " + n(summary.invalid) + " invalid, " + n(summary.failed) + " failed" + (summary.skipped ? ", " + n(summary.skipped) + " over the limit" : "") + "."
          : "The import stopped before the end; upload the file again to finish it.";
        refresh();
      } catch {
        status.textContent = "The connection dropped. Upload the file again; rows already imported are skipped.";
      } finally {
        $("import-start").disabled = false;
      }
    });
  }

  function describe(counts) {
    return Object.entries(counts).map(([k, v]) => n(v) + " " + k).join(", ") || "starting";
  }

  /** A count as the reader's locale writes it (10,000). */
  function n(count) {
    return count.toLocaleString();
  }

  $("sign-in-form").addEventListener("submit", (e) => {
    e.preventDefault();
    signIn($("key").value.trim());
  });
  $("sign-out").addEventListener("click", () => signOut());
  $("refresh").addEventListener("click", refresh);
  $("detail-close").addEventListener("click", hideDetail);
  $("claim").addEventListener("click", () => act("/claim", undefined, "Claimed."));
  $("call").addEventListener("click", () => act("/call", undefined, "Calling your mobile now: answer it to be put through to " + current.name + "."));
  $("attempt-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    act("/attempts", { channel: data.get("channel"), outcome: data.get("outcome"), note: data.get("note") || null }, "Attempt logged.")
      .then(() => { $("attempt-note").value = ""; });
  });
  $("close-form").addEventListener("submit", (e) => {
    e.preventDefault();
    act("/close", { outcome: new FormData(e.target).get("outcome") }, "Inquiry closed.");
  });
  $("report-form").addEventListener("submit", (e) => {
    e.preventDefault();
    loadReport().catch((error) => { if (error.message !== "unauthorized") showAlert(error.message); });
  });
  $("report-csv").addEventListener("click", () => downloadReportCsv());
  $("import-form").addEventListener("submit", (e) => {
    e.preventDefault();
    importLeads(e.target);
  });

  const saved = sessionStorage.getItem(keyStore);
  if (saved) {
    signIn(saved);
  } else {
    signIn(null);
    // App Service Authentication answers /.auth/me only when it is on; then offer its sign-in.
    fetch("/.auth/me", { headers: { Accept: "application/json" } })
      .then((r) => { $("platform-sign-in").hidden = !r.ok; })
      .catch(() => {});
  }
  setInterval(() => { if (me && $("detail").hidden) refresh(); }, 60000);
})();
