"""WordprocessingML (.docx XML), walked the one way every part of the toolkit counts it.

    ns      namespaces and the tags the walkers meet
    body    ``BlockWalker`` (paragraphs and tables of a story in reading order, through content
            controls and revision wrappers), ``text_boxes``, ``hidden``, ``is_on``
    table   ``grid_cells``: a table's cells on its grid, merges resolved

The reader (``read.docx``), the layout reader (``read.docx_layout``) and the annotator
(``report.annotate``) all walk with these, so that paragraph N, table T and cell (row, col)
name the same place in each.
"""
