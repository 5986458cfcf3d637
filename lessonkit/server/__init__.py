"""``lessonkit server``: a Language Server (LSP over stdio) on the engine the command line uses.

- lessons.py: the lessons of the open documents, kept in memory and brought up to date as the
  editor's buffers change (no protocol there);
- protocol.py: the pygls server: handlers, debounced diagnostics, a worker thread for the work;
- diagnostics.py, actions.py, symbols.py, navigation.py, completion.py: the features;
- positions.py: lessonkit's places (1-based, code points) to LSP positions and back.

Only this package imports pygls and lsprotocol (the ``server`` extra).
"""
