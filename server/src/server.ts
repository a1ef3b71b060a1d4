// placeholder: the language server (see the language server issue)
