"""The soleus site's build: everything our MkDocs plugin and scripts/build.py do, by part.

    plugin.py         the build's one pass, as a MkDocs plugin with its settings (start here)
    source_lines.py   the Markdown extension that keeps each link and picture with its line
    page_model.py     what is known about each page, gathered once
    shortcodes.py     :video:, :clinic-contact:, :handout: and :safety:
    published_pictures.py  each picture's copy in site/, without its hidden details (GPS, owner...)
    clinic.py         the clinic's details, from mkdocs.yml, checked once
    checks/           links and files, front matter, pictures, reading level, other websites
    handout/          the printable handout: its content, template, CSS, fonts and PDFs
    site_build.py     runs MkDocs, collects every problem, replaces site/ only when all is well
    problems.py       one Problem type and one "did you mean"
    settings.py       the line of a setting in mkdocs.yml
"""
