/**
 * The status sidebar (menu 计算进度, and opened when a menu run goes on):
 * while it is open it calls fencengContinueRun again and again — each call an
 * execution of its own — so the run goes on at once rather than when the
 * hourly trigger fires; when another execution holds the run it waits 20 s.
 * Kept tiny and dependency-free: the rules sidebar has the full view.
 */
export const RUN_STATUS_HTML = `<!doctype html><meta charset="utf-8">
<style>body{font:13px/1.5 system-ui,sans-serif;margin:12px;color:#202124}progress{width:100%}pre{white-space:pre-wrap;font:inherit}</style>
<h3>分层计算进度<br><small>Recompute progress</small></h3>
<div id="s">读取中… / Loading…</div>
<script>
function esc(t){return String(t).replace(/[&<>"]/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c];});}
function show(r){
  var el=document.getElementById('s');
  if(!r||!r.ok){el.textContent=r&&r.error?r.error.message:String(r);return;}
  var v=r.value;
  if(v.state==='continuing'){
    var p=v.progress;
    el.innerHTML='<p>正在后台继续 / Continuing in the background</p><progress max="'+(p.total||1)+'" value="'+(p.done||0)+'"></progress><p class="line">'+esc(v.message)+'</p>';
    setTimeout(step,v.busy?20000:0);
  } else {
    el.innerHTML='<p>完成 / Done</p><pre></pre>';
    el.querySelector('pre').textContent=v.text;
  }
}
function step(){google.script.run.withSuccessHandler(show).withFailureHandler(function(e){document.getElementById('s').textContent=String(e&&e.message||e);setTimeout(step,20000);}).fencengContinueRun({locale:'zh'});}
step();
</script>`;
