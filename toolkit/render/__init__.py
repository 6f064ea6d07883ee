"""Data → documents: schemas, data loading, the compile-once sandboxed engine,
output naming and the template catalogue.

Public entry points: ``schema.load_schema`` / ``schema.validate`` /
``schema.resolve_template``, ``data.load_records``, ``engine.compile_template``
(``.render(context)`` → .docx bytes, ``.variables()``). The ``generate`` command
driving them is ``toolkit.app.generate``; PDF conversion is ``toolkit.office``.
"""
