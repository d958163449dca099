"""The Ray engine: ``workbench translate --engine ray`` on one machine or a cluster.

``driver`` (:func:`translate_sources`: the run, in groups of files, results into the store),
``actor`` (:class:`TranslateBatch`, one long-lived actor per worker, the model loaded once) and
``runtime`` (starting or joining Ray). It sits above the pipeline it reuses (reading, importing,
what counts as done, the store) and below the CLI; Ray is imported only when a run starts.
"""
