"""Data → documents: schemas, data loading, the compile-once sandboxed engine,
output naming, PDF conversion, the template catalogue and ``generate``.

Public entry points: ``schema.load_schema`` / ``schema.validate``,
``data.load_records``, ``engine.compile_template`` (``.render(context)`` →
.docx bytes, ``.variables()``), ``pdf.soffice_convert`` and
``generate.generate_command``.
"""
