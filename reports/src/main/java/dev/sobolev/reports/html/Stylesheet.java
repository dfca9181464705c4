package dev.sobolev.reports.html;

/**
 * The report's CSS: a readable page of at most 1200 px with a sticky section navigation on screen; on paper no
 * navigation, each section on a new page, plots at page width, tables kept whole where they fit, black on white.
 */
final class Stylesheet {
    /** The stylesheet text. */
    static final String CSS = """
            :root { --fg: #1c1e21; --muted: #5b6470; --rule: #d8dce2; --head: #eef1f5; --zebra: #f7f8fa;
                    --accent: #1f5fa8; }
            * { box-sizing: border-box; }
            html { font-size: 15px; }
            body { margin: 0; color: var(--fg); background: #fff; line-height: 1.45;
                   font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
            header { padding-top: 28px; padding-bottom: 14px; }
            h1 { font-size: 1.75rem; margin: 0 0 6px; }
            h2 { font-size: 1.35rem; margin: 0 0 10px; }
            h3 { font-size: 1.05rem; margin: 20px 0 8px; }
            .summary { margin: 0; font-size: 1.05rem; color: var(--muted); }
            nav { position: sticky; top: 0; z-index: 10; background: rgba(255, 255, 255, 0.97);
                  border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); }
            nav ul { max-width: 1200px; margin: 0 auto; padding: 8px 24px; list-style: none;
                     display: flex; flex-wrap: wrap; gap: 4px 20px; }
            nav a { color: var(--accent); text-decoration: none; font-size: 0.92rem; }
            nav a:hover { text-decoration: underline; }
            section { margin-top: 30px; padding-top: 18px; border-top: 2px solid var(--rule); scroll-margin-top: 50px; }
            main > section:first-child { border-top: none; margin-top: 10px; }
            p { margin: 6px 0 10px; }
            p.na { color: var(--muted); font-style: italic; }
            p.note { color: var(--muted); font-size: 0.88rem; margin: 4px 0; }
            .table { overflow-x: auto; margin: 6px 0 16px; }
            table { border-collapse: collapse; font-size: 0.88rem; font-variant-numeric: tabular-nums; }
            th, td { padding: 4px 12px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
            th { background: var(--head); font-weight: 600; white-space: nowrap; border-bottom: 1px solid #b9c0ca; }
            td.num, th.num { text-align: right; white-space: nowrap; }
            tbody tr:nth-child(even) { background: var(--zebra); }
            .tables { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0 36px; }
            .tables > div { max-width: 100%; min-width: 0; }
            .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 14px 20px; }
            figure { margin: 8px 0 16px; padding: 6px; border: 1px solid var(--rule); border-radius: 4px;
                     min-width: 0; }
            figcaption { font-size: 0.85rem; color: var(--muted); padding: 4px 6px 2px; }
            .plot { width: 100%; height: 380px; }
            pre { background: var(--zebra); border: 1px solid var(--rule); padding: 10px 12px; font-size: 0.82rem;
                  white-space: pre-wrap; overflow-wrap: anywhere; }
            footer { margin-top: 30px; padding-top: 12px; padding-bottom: 30px; border-top: 1px solid var(--rule);
                     color: var(--muted); font-size: 0.85rem; }
            @media print {
              @page { size: A4; margin: 14mm 12mm; }
              html { font-size: 10pt; }
              body { color: #000; background: #fff; }
              nav { display: none; }
              header, main, footer { max-width: none; padding-left: 0; padding-right: 0; }
              section { break-before: page; border-top: none; margin-top: 0; padding-top: 0; }
              h2, h3 { break-after: avoid; }
              .summary, p.na, p.note, figcaption, footer { color: #000; }
              .grid, .tables { display: block; }
              figure { break-inside: avoid; border: none; padding: 0; margin: 0 0 10px; }
              .modebar-container { display: none; }
              .plot { width: 100%; }
              .table { overflow: visible; }
              table { break-inside: avoid; }
              thead { display: table-header-group; }
              tr { break-inside: avoid; }
              th { background: #fff; border-bottom: 1.5px solid #000; }
              td { border-bottom: 1px solid #999; }
              tbody tr:nth-child(even) { background: #fff; }
              pre { background: #fff; border: 1px solid #000; }
              a { color: #000; text-decoration: none; }
            }
            """;

    private Stylesheet() {
    }
}
