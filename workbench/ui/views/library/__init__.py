"""The Library page: documents with their progress, import by upload or paste, delete."""
