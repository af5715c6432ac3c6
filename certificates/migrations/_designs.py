"""The three designs migration 0002 creates (classic, modern, minimal), frozen here so
that the migration keeps creating the same rows whatever the app's code becomes."""

COMMON_CSS = """
.sheet { position: absolute; top: 0; left: 0; right: 0; bottom: 0; box-sizing: border-box; }
.signatures { display: flex; gap: 18mm; justify-content: center; }
.signature { display: flex; flex-direction: column; align-items: center; min-width: 55mm; }
.signature-image { max-height: 16mm; max-width: 55mm; }
.signature-line { display: block; width: 55mm; border-top: 0.4mm solid currentColor; margin: 1.5mm 0; }
.signatory-name { font-weight: bold; }
.signatory-title { font-size: 9pt; }
"""

CLASSIC_LAYOUT = """<div class="sheet">
  <div class="frame">
    <p class="issuer">{{ issuer_name }}</p>
    <h1>{{ heading }}</h1>
    <p class="lead">{{ label_certifies }}</p>
    <p class="holder">{{ holder_name }}</p>
    <p class="statement">{{ statement }}</p>
    <p class="course">{{ course_title }}</p>
    <p class="facts">{{ completion_date }} · {{ hours }} h</p>
    <p class="facts">{{ grade_line }}</p>
    <p class="instructors">{{ instructor_names }}</p>
    <div class="bottom">
      <div class="signatures">{{ signatures }}</div>
      <div class="verify">{{ qr_code }}<span>{{ certificate_code }}</span><span>{{ label_verify }} {{ verification_url }}</span></div>
    </div>
  </div>
</div>"""

CLASSIC_CSS = (
    COMMON_CSS
    + """
body { font-family: "DejaVu Serif", Georgia, serif; color: #2b2118; }
.sheet { padding: 9mm; background: #fbf8f1; }
.frame { position: absolute; top: 9mm; left: 9mm; right: 9mm; bottom: 9mm; border: 1.6mm double #a67c2e;
         outline: 0.4mm solid #a67c2e; outline-offset: -4mm; text-align: center; padding: 20mm 22mm 0; }
.issuer { letter-spacing: 0.35em; text-transform: uppercase; font-size: 10pt; color: #7a5a1f; margin: 0; }
h1 { font-size: 34pt; font-weight: normal; margin: 6mm 0 6mm; color: #7a5a1f; font-variant: small-caps; }
.lead, .statement { font-style: italic; font-size: 12pt; margin: 2mm 0; }
.holder { font-size: 32pt; margin: 4mm 0; border-bottom: 0.3mm solid #a67c2e; display: inline-block; padding: 0 10mm 1mm; }
.course { font-size: 20pt; font-weight: bold; margin: 4mm 0 6mm; }
.facts, .instructors { font-size: 10pt; margin: 1.5mm 0; }
.bottom { position: absolute; left: 18mm; right: 18mm; bottom: 10mm; }
.verify { position: absolute; right: 0; bottom: 0; display: flex; flex-direction: column; align-items: flex-end;
          font-size: 7pt; }
.qr-code { width: 24mm; height: 24mm; }
"""
)

MODERN_LAYOUT = """<div class="sheet">
  <aside class="band">
    <p class="issuer">{{ issuer_name }}</p>
    <div class="verify">{{ qr_code }}<p>{{ certificate_code }}</p></div>
  </aside>
  <main class="content">
    <h1>{{ heading }}</h1>
    <p class="holder">{{ holder_name }}</p>
    <p class="statement">{{ statement }}</p>
    <p class="course">{{ course_title }}</p>
    <dl class="facts">
      <div><dt>{{ label_completed }}</dt><dd>{{ completion_date }}</dd></div>
      <div><dt>{{ label_hours }}</dt><dd>{{ hours }}</dd></div>
      <div><dt>{{ label_grade }}</dt><dd>{{ grade }}</dd></div>
      <div><dt>{{ label_instructors }}</dt><dd>{{ instructor_names }}</dd></div>
    </dl>
    <div class="signatures">{{ signatures }}</div>
    <p class="url">{{ label_verify }} {{ verification_url }}</p>
  </main>
</div>"""

MODERN_CSS = (
    COMMON_CSS
    + """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #14213d; }
.sheet { display: flex; background: #ffffff; }
.band { width: 72mm; background: #14213d; color: #ffffff; padding: 16mm 10mm; box-sizing: border-box;
        display: flex; flex-direction: column; justify-content: space-between; }
.issuer { font-size: 16pt; font-weight: bold; margin: 0; }
.verify { background: #ffffff; color: #14213d; padding: 3mm; text-align: center; font-size: 8pt; }
.verify p { margin: 1mm 0 0; letter-spacing: 0.05em; }
.qr-code { width: 40mm; height: 40mm; }
.content { flex: 1; padding: 20mm 18mm 12mm; }
h1 { font-size: 14pt; text-transform: uppercase; letter-spacing: 0.3em; color: #fca311; margin: 0 0 12mm; }
.holder { font-size: 32pt; font-weight: bold; margin: 0 0 4mm; }
.statement { font-size: 12pt; margin: 0 0 2mm; color: #4b5563; }
.course { font-size: 20pt; margin: 0 0 10mm; }
.facts { display: flex; flex-wrap: wrap; gap: 4mm 12mm; margin: 0 0 12mm; }
.facts dt { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.15em; color: #6b7280; }
.facts dd { margin: 1mm 0 0; font-size: 11pt; }
.signatures { justify-content: flex-start; }
.url { font-size: 7pt; color: #6b7280; margin-top: 6mm; }
"""
)

MINIMAL_LAYOUT = """<div class="sheet">
  <p class="issuer">{{ issuer_name }}</p>
  <h1>{{ heading }}</h1>
  <p class="holder">{{ holder_name }}</p>
  <p class="statement">{{ statement }} <strong>{{ course_title }}</strong></p>
  <p class="facts">{{ completion_date }} — {{ hours }} h</p>
  <p class="facts">{{ grade_line }}</p>
  <p class="instructors">{{ instructor_names }}</p>
  <div class="signatures">{{ signatures }}</div>
  <footer>{{ qr_code }}<span>{{ certificate_code }}<br>{{ label_verify }} {{ verification_url }}</span></footer>
</div>"""

MINIMAL_CSS = (
    COMMON_CSS
    + """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #111827; }
.sheet { padding: 24mm 30mm; }
.issuer { font-size: 9pt; letter-spacing: 0.4em; text-transform: uppercase; color: #6b7280; margin: 0; }
h1 { font-size: 12pt; font-weight: normal; margin: 16mm 0 4mm; color: #6b7280; }
.holder { font-size: 34pt; margin: 0 0 6mm; font-weight: 300; border-bottom: 0.3mm solid #111827;
          padding-bottom: 3mm; }
.statement { font-size: 13pt; margin: 0 0 3mm; }
.facts, .instructors { font-size: 10pt; color: #374151; margin: 0 0 2mm; }
.signatures { justify-content: flex-start; margin-top: 12mm; }
footer { position: absolute; left: 30mm; right: 30mm; bottom: 16mm; display: flex; align-items: center; gap: 5mm;
         font-size: 7.5pt; color: #6b7280; }
.qr-code { width: 20mm; height: 20mm; }
"""
)

DESIGNS = [
    {"name": "Classic", "page_size": "A4 landscape", "layout": CLASSIC_LAYOUT, "css": CLASSIC_CSS},
    {"name": "Modern", "page_size": "A4 landscape", "layout": MODERN_LAYOUT, "css": MODERN_CSS},
    {"name": "Minimal", "page_size": "letter landscape", "layout": MINIMAL_LAYOUT, "css": MINIMAL_CSS},
]
