"""The language server (`charterlogic lsp`): the editor's view of charter and scenario files."""
