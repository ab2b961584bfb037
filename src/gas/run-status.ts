/**
 * Where a run stands, for the operator: a server function the status
 * sidebar polls, and that small sidebar itself (opened when a run goes on in
 * the background). Plain JSON, no async work.
 */
import { readLastResult, readProgress } from './run-progress.js';

export interface RunStatus {
  running: boolean;
  done?: number;
  total?: number;
  /** ISO instants. */
  startedFor?: string;
  updatedAt?: string;
  executions?: number;
  last?: { finishedAt: string; text: string; executions: number };
}

export function runStatus(): RunStatus {
  const p = readProgress();
  const last = readLastResult();
  if (p) return { running: true, done: p.done, total: p.total, startedFor: p.now, updatedAt: p.updatedAt, executions: p.executions, ...(last ? { last } : {}) };
  return { running: false, ...(last ? { last } : {}) };
}

export const STATUS_TITLE = '分层计算进度 / Recompute progress';

/** Polls fencengRunStatus every 20 s while the run goes on; shows the summary when it ends. */
export function showRunStatus(): void {
  const html = HtmlService.createHtmlOutput(STATUS_HTML).setTitle(STATUS_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}

const STATUS_HTML = `<!doctype html><meta charset="utf-8">
<style>body{font:13px/1.5 system-ui,sans-serif;margin:12px;color:#202124}progress{width:100%}pre{white-space:pre-wrap;font:inherit}</style>
<h3>分层计算进度<br><small>Recompute progress</small></h3>
<div id="s">读取中… / Loading…</div>
<script>
function show(st){
  var el=document.getElementById('s');
  if(st.running){
    el.innerHTML='<p>后台继续中 / Continuing in the background</p><progress max="'+(st.total||1)+'" value="'+(st.done||0)+'"></progress>'
      +'<p>已写入 '+(st.done||0)+'/'+(st.total||'?')+' 个工作表，已用 '+st.executions+' 次执行<br>'+(st.done||0)+' of '+(st.total||'?')+' sheets written in '+st.executions+' execution(s)</p>';
    setTimeout(poll,20000);
  } else if(st.last){
    el.innerHTML='<p>完成 / Done ('+st.last.finishedAt+')</p><pre></pre>';
    el.querySelector('pre').textContent=st.last.text;
  } else el.textContent='没有进行中的计算 / No run in progress';
}
function poll(){google.script.run.withSuccessHandler(show).withFailureHandler(function(e){document.getElementById('s').textContent=String(e&&e.message||e);}).fencengRunStatus();}
poll();
</script>`;
