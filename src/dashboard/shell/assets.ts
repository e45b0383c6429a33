// The dashboard's stylesheet and its one small script, served by the Worker itself (no CDN, no bundler step).
// The script does two things and nothing else: refreshes live lists in place, and keeps scanner input flowing.
// We wrote it rather than vendor htmx: ~40 lines cover what the screens need, every page also works without it,
// and the Worker's bundle stays small.
export const CSS = `
:root{--fg:#1b1f24;--mute:#57606a;--line:#d0d7de;--bg:#fff;--panel:#f6f8fa;--accent:#0b57d0;--good:#116329;--warn:#7d4e00;--bad:#a40e26}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px;z-index:9}
header.top{display:flex;gap:16px;align-items:center;padding:8px 16px;background:#0d1117;color:#fff}header.top a{color:#fff;text-decoration:none}
header.top nav{display:flex;gap:4px;flex-wrap:wrap;flex:1}header.top nav a{padding:6px 10px;border-radius:6px}header.top nav a[aria-current=page]{background:#30363d}
header.top .who{font-size:13px;color:#c9d1d9}header.top form button{background:none;border:1px solid #6e7681;color:#fff}
main{padding:16px 20px;max-width:1400px}h1{font-size:20px;margin:4px 0 12px}h2{font-size:16px;margin:20px 0 8px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}th{background:var(--panel);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;border:1px solid currentColor;white-space:nowrap}
.badge.good{color:var(--good)}.badge.wait{color:#0550ae}.badge.warn{color:var(--warn)}.badge.bad{color:var(--bad)}.badge.mute{color:var(--mute)}
.flash{padding:8px 12px;border-radius:6px;margin:0 0 12px}.flash.notice{background:#dafbe1;color:#0f3d1c}.flash.error{background:#ffebe9;color:#6e0c19}
form.inline{display:inline}form.row{display:flex;gap:8px;flex-wrap:wrap;align-items:end;margin:8px 0}
label{display:flex;flex-direction:column;gap:2px;font-size:13px;color:var(--mute)}
input,select,textarea,button{font:inherit;padding:5px 8px;border:1px solid #8c959f;border-radius:6px;background:#fff;color:var(--fg)}
button{cursor:pointer;background:var(--panel)}button.primary{background:var(--accent);color:#fff;border-color:var(--accent)}button.danger{color:var(--bad);border-color:var(--bad)}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:10px}.tile{display:block;padding:12px;border:1px solid var(--line);border-radius:8px;text-decoration:none;color:var(--fg)}
.tile strong{display:block;font-size:22px}.tabs{display:flex;gap:4px;margin:0 0 10px;flex-wrap:wrap}.tabs a{padding:4px 10px;border:1px solid var(--line);border-radius:6px;text-decoration:none}
.tabs a[aria-current=page]{background:var(--accent);color:#fff}.muted{color:var(--mute)}.pager{margin:12px 0}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}.panel{border:1px solid var(--line);border-radius:8px;padding:10px 12px}
`;

export const SCRIPT = `
(function(){
  // Live lists: re-fetch this page every N seconds while it is visible and nobody is typing, and swap the region.
  var live=document.querySelector("[data-refresh]");
  if(live){
    var every=Number(live.getAttribute("data-refresh"))*1000;
    setInterval(function(){
      if(document.hidden)return;
      var a=document.activeElement;
      if(a&&live.contains(a)&&/INPUT|SELECT|TEXTAREA/.test(a.tagName))return;
      if(live.querySelector("input[type=checkbox]:checked"))return; // rows checked for a bulk action stay checked
      fetch(location.href,{headers:{"x-dashboard-refresh":"1"}}).then(function(r){return r.ok?r.text():null}).then(function(t){
        if(!t)return;
        var next=new DOMParser().parseFromString(t,"text/html").querySelector("[data-refresh]");
        if(next)live.innerHTML=next.innerHTML;
      }).catch(function(){});
    },every);
  }
  // Scanner fields: keep focus there after each page load, so the next scan lands in it.
  var scan=document.querySelector("[data-scan]");
  if(scan)scan.focus();
})();
`;
