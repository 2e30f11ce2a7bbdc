"""Survey files that survey tools import: one small module per tool.

Each module registers one exporter named ``questionnaire-<format>`` through the ordinary
``register_exporters`` hook, so ``kano questionnaire --format <format>`` finds a third
party's survey tool exactly as it finds these. A survey-file exporter is an ordinary
exporter with one optional method more, ``column_mappings(project)``: the columns the
tool's response export will have, each with its feature and role, which ``kano
questionnaire`` keeps in ``kano.toml`` so that the export imports back with no mapping.
"""
