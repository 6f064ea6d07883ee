"""The inspector: rules over documents and the whole round → findings.

``engine`` holds the data types and the registry (thresholds: ``toolkit.config``),
``rules/`` one module per category, ``command`` the ``tuanwen check`` driver.
"""
