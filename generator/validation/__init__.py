"""Check a data package against its Table Schemas and the site's rules; collect every problem.

Two layers, both reported in the words of the person who edits the CSV files:

* schema checks, driven entirely by datapackage.json (``descriptor``): the header and row shape
  (``files``), cell types, required cells and enum/pattern/minimum/maximum constraints
  (``cells``, with ``text_safety`` and ``periods`` for the cells' wording), unique, primary and
  foreign keys (``keys``);
* domain rules the schema cannot state (``domain``): periods, units, status markers, disclosure
  control and the strategy's own structure (``periods``, ``units``, ``strategy``,
  ``observations``).

Every column is checked once per distinct value (``pandas.factorize``), so a million observation
rows with a few thousand distinct values cost little more than reading the file. Domain rules
look only at cells that passed the schema checks, so one mistake is reported once.
``generator.validation.runner`` runs the layers in order.
"""
