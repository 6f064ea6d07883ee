"""The application layer: one module per command, over the batch ``pipeline``.

    pipeline   reading a batch: collect, unpack .zip, ONE LibreOffice run, parallel per-file work
               (read + extract), progress; the round work stays with each command
    check      ``tuanwen check`` and ``tuanwen rules``
    convert    ``tuanwen convert``
    generate   ``tuanwen generate``
    templates  ``tuanwen templates``
    draft      ``tuanwen draft``
    demo       ``tuanwen demo``
    web        ``tuanwen serve``: the same workflows on a local web page

``cli.py`` only parses options and calls these. The layers below (read → extract → check →
report; render) never import this package.
"""
