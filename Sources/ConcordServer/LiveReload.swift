/// The script injected into served pages (never into `concord build` output):
/// it listens for rebuild events and reloads, and shows build problems as an overlay.
enum LiveReload {
    static let scriptPath = "/__concord/reload.js"
    static let eventsPath = "/__concord/events"
    static let tag = "<script src=\"\(scriptPath)\" defer></script>"

    /// Inserts the script tag before `</body>`, or at the end.
    static func inject(into html: String) -> String {
        if let r = html.range(of: "</body>", options: .backwards) {
            return html.replacingCharacters(in: r, with: tag + "\n</body>")
        }
        return html + tag
    }

    static let script = """
    (function () {
      var overlay = null;
      function show(p) {
        if (!overlay) {
          overlay = document.createElement('div');
          overlay.id = 'concord-overlay';
          overlay.setAttribute('role', 'alert');
          overlay.style.cssText = 'position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;' +
            'background:#2a0d0d;color:#ffe1e1;border-top:4px solid #ff5a5a;padding:1rem 1.25rem;' +
            'font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;box-shadow:0 -4px 16px rgba(0,0,0,.4)';
          document.body.appendChild(overlay);
        }
        overlay.textContent = p.title + '\\n\\n' + p.lines.join('\\n');
      }
      function hide() { if (overlay) { overlay.remove(); overlay = null; } }
      var source = new EventSource('\(eventsPath)');
      source.addEventListener('reload', function () { location.reload(); });
      source.addEventListener('problem', function (e) { show(JSON.parse(e.data)); });
      source.addEventListener('clear', hide);
    })();
    """
}

import Foundation
