// placeholder: the extension entry point
