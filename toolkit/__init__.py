"""tuanwen (团文): generate, read and inspect the paperwork of 共青团 branches.

The package follows the pipeline:

- ``render``  data → render: templates, schemas, data loading, .docx/.pdf output
- ``read``    any submission (.docx .pdf .doc .xlsx .txt) → one document model
- ``extract`` document model → kind and records (forms, tallies, logs)
- ``check``   rules over documents and the whole round → findings
- ``report``  findings → text, json, xlsx, html, annotated .docx
- ``lang``    language intelligence (typos, boilerplate, duplicates, drafting)
- ``cn``      Chinese helpers shared by all stages (numbers, dates, ID numbers)
"""

__version__ = "0.1.0"
