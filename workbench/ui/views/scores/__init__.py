"""The Scores page: HTER and edit time over a document, the effort log and every export."""
