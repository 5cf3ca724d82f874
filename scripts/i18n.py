"""Interface labels, in every language of the site. Both languages must have the same keys."""

from __future__ import annotations

LANGUAGES = ("en", "ru")
DEFAULT_LANGUAGE = "en"

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "texts": "Texts",
        "source": "Source",
        "download_tei": "Download TEI ({file})",
        "copy_text": "Copy-text ({file})",
        "licence": "Licence",
        "permalink": "Permalink to {unit} {id}",
        "anchor_moved": "The passage once cited as {id} has moved:",
        "cite": "Cite",
        "cite_unit": "Cite {unit} {id}",
        "cite_title": "How to cite this page",
        "cite_intro": "Each paragraph, figure, note and entry can be cited on its own: its ¶ link is its permalink, "
                      "and its “Cite” button gives a citation with that link.",
        "cite_permalink": "Permalink",
        "cite_citation": "Citation",
        "cite_style": "Chicago style (17th edition)",
        "cite_copy_link": "Copy link",
        "cite_copy_citation": "Copy citation",
        "cite_copied": "Copied to the clipboard.",
        "cite_copy_failed": "Could not copy: select the text and copy it.",
        "cite_within": "In this passage",
        "cite_records": "For reference managers",
        "cite_record": "{format} ({what})",
        "cite_this_text": "this text",
        "cite_the_edition": "the edition",
        "cite_editors": "The editors of this edition",
        "cite_publisher": "The editors of the digital edition The Siege of Albazin",
        "cite_accessed_unknown": "[date of access]",
        "unit_figure": "figure",
        "footer_version": "Edition version {version}",
        "footer_build": "built from commit {commit} on {date}",
        "unit_paragraph": "paragraph",
        "unit_division": "section",
        "unit_item": "bibliography item",
        "unit_note": "note",
        "edition_version": "Edition version {version}",
        "language_of_text": "Text in {language}",
        "lang_en": "English",
        "lang_ru": "Russian",
        "editorial_note": "Editorial note",
        "witness": "Witness {siglum}",
        "sha256": "SHA-256 of the copy-text",
        "unit_apparatus": "apparatus note",
        "apparatus": "Critical apparatus",
        "apparatus_intro": "Each entry gives the reading printed in the critical text, the reading of the source, "
                           "and the editors' reasons. The diplomatic view shows the source's readings in the text.",
        "note_marker": "Apparatus note {n}",
        "back_to_text_from": "{n}. {where}: back to the text",
        "app_edition": "Edition",
        "app_source": "Source",
        "app_lemma": "Lemma",
        "app_not_emended": "not emended",
        "empty_reading": "(nothing)",
        "kind_correction": "Correction",
        "kind_regularisation": "Regularisation",
        "kind_lemma": "Note, no emendation",
        "certainty": "Certainty: {cert}",
        "cert_high": "high",
        "cert_medium": "medium",
        "cert_low": "low",
        "para_short": "para. {n}",
        "reading_options": "Reading options",
        "view_legend": "Text",
        "view_critical": "Critical",
        "view_diplomatic": "Diplomatic (as in the source)",
        "layout_legend": "Show",
        "layout_original": "Original",
        "layout_translation": "Translation",
        "layout_parallel": "Side by side",
        "close": "Close",
        "original_label": "Original ({language})",
        "translation_label": "Translation by the editors ({language})",
        "language_name_en": "English",
        "language_name_ru": "Russian",
        "about_text": "About this text: provenance, licence, version",
        "date_birth": "b.",
        "date_death": "d.",
        "date_floruit": "fl.",
        "date_after": "after {date}",
        "date_before": "before {date}",
        "index": "Index",
        "index_person": "Persons",
        "index_org": "Groups and polities",
        "index_place": "Places",
        "index_intro_person": "Every person named in the three texts and their translations, with every occurrence.",
        "index_intro_org": "Every group, people, polity and institution named in the texts and their translations, "
                           "with every occurrence.",
        "index_intro_place": "Every place named in the texts and their translations, with every occurrence. "
                             "The map shows those that can be located.",
        "other_name": "In Russian: {name}",
        "full_name": "Full name: {name}",
        "modern_name": "Today: {name}",
        "forms_in_texts": "Forms in the texts",
        "occurrences": "Occurrences ({n})",
        "sources": "Sources",
        "show_on_map": "show on the map",
        "coordinates": "{lat}° N, {lon}° E",
        "approximate": "approximate",
        "text_original": "Text {siglum} ({language})",
        "text_translation": "Text {siglum}, translation ({language})",
        "unit_entry": "index entry",
        "map_title": "Map of the places named in the texts",
        "map_desc": "{n} places plotted on an equirectangular projection with a 5° graticule; each point links to "
                    "its index entry.",
        "map_outside": "Not on the map (outside its area): {places}.",
        "map_unlocated": "Not located (regions or uncertain): {places}.",
        "map_basemap": "Coast, lakes and present-day borders (dashed): Natural Earth 1:10m; rivers: Natural Earth "
                       "1:50m (public domain). The Shilka and the Zeya are missing: the offline data have them only "
                       "at a scale not available to the project.",
        "map_no_basemap": "No base map geometry is available offline: points, labels and graticule only.",
        "name_card_link": "{name}: index entry",
        # the concordance of figures
        "concordance": "Concordance of figures",
        "conc_intro": "What each account says on each question of number and date, side by side: the text's own "
                      "words (with the editors' translation where the text is in the other language), the value "
                      "as the editors normalise it, and a link to the place in the text.",
        "conc_method": "How texts are compared: each figure is read as an interval — an exact number as itself, "
                       "an approximate one (“about”, “almost”) as ±10 %, “no more than” as everything up to it, a "
                       "date as the days it covers, in the New Style (Gregorian) calendar. Old Style (Julian) "
                       "dates of the Russian texts are converted by adding ten days; a month given without its "
                       "calendar (text C) covers both readings. Two texts disagree when a value of one does not "
                       "overlap a value of the other in the same kind of quantity.",
        "not_stated": "not stated",
        "status_disagree": "Texts disagree",
        "status_agree": "Texts agree",
        "status_unmatched": "Not comparable",
        "status_single": "One text only",
        "filter_disagree": "Show only the questions on which the texts disagree ({n})",
        "see_chart": "Chart",
        "unit_question": "question",
        "col_question": "Question",
        "col_text": "Text",
        "col_value": "Value",
        "col_figures": "Figures in the texts",
        "col_not_stated": "Not stated in",
        "conc_download": "Download the concordance:",
        "conc_columns_link": "(columns explained below)",
        "conc_columns": "The data files",
        "conc_columns_intro": "The CSV and JSON files hold one record per figure, in the order of this page, with "
                              "these columns (the JSON adds, for each question, the texts that are silent). Column "
                              "names and order are stable across versions of the edition.",
        "charts": "Charts",
        "charts_intro": "Each chart compares the numbers the texts give for one question. Questions that count "
                        "the same thing share one axis, logarithmic where the values differ by ten times or more; "
                        "a line shows an approximate value (±10 %) or a bound (“no more than”).",
        "charts_table": "The numbers shown in the charts",
        "chart_title": "{question} ({unit})",
        "chart_text": "Text {siglum}",
        "chart_log": "Logarithmic scale.",
        "chart_linear": "Linear scale.",
        "chart_os_year": "1 Jan. {year} O.S.",
        "timeline": "Timeline",
        "timeline_intro": "The dates the texts give, on one axis of New Style (Gregorian) dates; the marks above the "
                          "first chart show where each Old Style (Julian) year began. A bar is a month, season or "
                          "year; a mark alone is a day.",
        "timeline_title_timeline-sieges": "The sieges and the peace, 1685–1689",
        "timeline_caption_timeline-sieges": "Gregorian months below; the start of each Julian (Old Style) year "
                                            "above, ten days later.",
        "timeline_title_timeline-context": "Before and after, 1655–1735",
        "timeline_caption_timeline-context": "By year. Events dated only to a century are listed in the table.",
        "timeline_table": "The dates shown in the timelines",
        "date_os_ns": "{own} O.S. ({ns} N.S.)",
        "date_os": "{own} O.S.",
        "date_between": "between {first} and {last}",
        "date_calendar_unstated": "{date} (calendar not stated)",
        "unit_men": "men",
        "unit_guns": "guns",
        "unit_desiatinas": "desiatinas",
        "unit_versty": "versty",
        "unit_years": "years",
        "unit_months": "months",
        "unit_days": "days",
        "unit_number": "number",
        "unit_date": "date",
        # the commentary and the bibliography
        "commentary": "Commentary",
        "bibliography": "Bibliography",
        "comment_marker": "Commentary {n}: {title}",
        "unit_commentary": "commentary entry",
        "unit_work": "bibliography entry",
        "whole_paragraph": "(the paragraph)",
        "com_intro": "The editors' commentary on the points where the accounts disagree or make historically "
                     "weighty claims, by episode. Each entry says what each text says, weighs it against the "
                     "literature and cites it; it links to every passage it discusses, in the texts and in the "
                     "translations, to the rows of the concordance and to the index.",
        "com_passages": "Passages discussed",
        "com_concordance": "In the concordance",
        "com_index": "In the index",
        "com_works": "Works cited",
        "com_full": "In the commentary →",
        "com_discussed_here": "On this page",
        "commentary_on_text": "Commentary on this text",
        "commentary_on_text_intro": "The entries of the editors' commentary that discuss this text, numbered as "
                                    "their markers (*1, *2 …) in the text.",
        "bib_intro": "Every work the commentary cites, with the entries that cite it.",
        "bib_cited_in": "Cited in",
        "see_commentary": "Commentary: {title}",
        # the downloads page and what it offers (scripts/downloads.py, scripts/downloadspage.py)
        "downloads": "Downloads",
        "all_downloads": "All downloads",
        "dl_intro": "Every file of version {version} of the edition, generated from the TEI at each build of the "
                    "site: the TEI files, the whole corpus as one archive, plain-text versions of the texts and "
                    "translations, and the index and the concordance as data. Each file is given with its size and "
                    "its SHA-256 checksum.",
        "dl_verify": "To check files you have downloaded, put them in folders as on the site (for example "
                     "tei/A.xml) beside SHA256SUMS and run:",
        "dl_corpus": "The whole corpus",
        "dl_corpus_intro": "One ZIP archive with every TEI file, the TEI All schema, the copy-texts, a README "
                           "listing the files with their checksums, and the licence notice. The archive is "
                           "reproducible: the same version always gives the same bytes.",
        "dl_tei": "TEI files",
        "dl_tei_intro": "The texts and the editors' translations, the authority file of the index, the commentary, "
                        "the bibliography and the edition header, in TEI P5. Each validates against TEI All.",
        "dl_plain": "Plain text",
        "dl_plain_intro": "UTF-8, one line per heading, paragraph or bibliography item, no markup and no header. "
                          "The diplomatic file of an original is its copy-text byte for byte; the critical file "
                          "has the same lines, with the editors' corrections, so a line-by-line "
                          "comparison shows every emendation. Notes are not included.",
        "dl_data": "Data",
        "dl_data_intro": "The index of persons, groups and places, and the concordance of figures, as CSV (UTF-8, "
                         "comma-separated, one header row) and JSON with the same records.",
        "dl_sources": "Copy-texts and schema",
        "dl_sources_intro": "The plain-text copy-texts the texts are transcribed from, unchanged, and the schema "
                            "they validate against.",
        "dl_cite": "Citation records",
        "dl_cite_intro": "BibTeX (biblatex) and RIS records of the edition and of each text, for reference managers, "
                         "with the titles in English or in Russian. The same records are linked at the foot of every "
                         "page.",
        "desc_cite": "{what}, with titles in {language}",
        "fmt_bib": "BibTeX (biblatex)",
        "fmt_ris": "RIS",
        "dl_checksums": "Checksums",
        "dl_checksums_intro": "The SHA-256 checksums of every other file on this page, in the format of sha256sum.",
        "dl_col_file": "File",
        "dl_col_description": "Description",
        "dl_col_format": "Format",
        "dl_col_size": "Size",
        "dl_col_sha256": "SHA-256",
        "dl_entity_columns": "The index as data: columns",
        "dl_entity_columns_intro": "The files of persons, groups and places have the same columns; lists in a CSV "
                                   "cell are separated by “ | ”. The JSON files hold the same records, each with a "
                                   "“detail” object giving the same facts structured. Column names and order are "
                                   "stable across versions of the edition.",
        "dl_concordance_columns": "The columns of the concordance files are described on the concordance page.",
        "size_bytes_one": "{n} byte",
        "size_bytes_few": "{n} bytes",
        "size_bytes_many": "{n} bytes",
        "size_kb": "{n} kB",
        "size_mb": "{n} MB",
        "fmt_tei": "TEI P5 XML",
        "fmt_rng": "RELAX NG (XML)",
        "fmt_md": "Markdown",
        "fmt_txt": "Plain text, UTF\u20118",
        "fmt_zip": "ZIP archive",
        "fmt_csv": "CSV",
        "fmt_json": "JSON",
        "fmt_sums": "sha256sum",
        "fmt_other": "File",
        "desc_tei_authority": "Authority file of the index: persons, groups and places, with names and sources",
        "desc_tei_commentary": "The editors' commentary, in English and Russian",
        "desc_tei_bibliography": "The bibliography of the commentary",
        "desc_tei_edition": "Edition header: version, licence, editorial principles, questions of the concordance",
        "desc_tei_other": "TEI file of the corpus",
        "desc_copy_text": "Copy-text of text {siglum}, unchanged (its SHA-256 is recorded in the TEI header)",
        "desc_schema": "TEI All schema, TEI P5 version 4.3.0 (the TEI Consortium's; CC BY 3.0 and BSD-2)",
        "desc_schema_readme": "About the schema file",
        "desc_sources_readme": "About the copy-texts",
        "desc_file": "File of the corpus",
        "desc_zip": "Version {version}: all TEI files, the schema, the copy-texts, README and licence notice",
        "desc_plain_critical": "Text {siglum}, critical text ({language})",
        "desc_plain_diplomatic": "Text {siglum}, diplomatic text ({language}): exactly as the copy-text",
        "desc_plain_diplomatic_same": "Text {siglum}, diplomatic text ({language}): exactly as the copy-text, "
                                      "identical to the critical text",
        "desc_plain_translation_critical": "Text {siglum}, the editors' translation ({language})",
        "desc_plain_translation_diplomatic": "Text {siglum}, the editors' translation ({language}), diplomatic",
        "desc_plain_translation_diplomatic_same": "Text {siglum}, the editors' translation ({language}), "
                                                  "diplomatic: identical to the critical (no source readings)",
        "desc_entities_csv": "{index}: ids, names in English and Russian, every name form, dates, coordinates, "
                             "index URLs, mentions per text",
        "desc_entities_json": "{index}: the same records as the CSV, with the details structured",
        "desc_concordance_csv": "Concordance of figures: one record per figure",
        "desc_concordance_json": "Concordance of figures: the same records, and the texts silent on each question",
        "desc_sums": "SHA-256 checksums of the files above, for sha256sum -c",
        "readme_intro": "Version {version} of the edition, published {date}. This archive holds the complete "
                        "corpus: the TEI files (tei/), the TEI All schema they validate against (tei/schema/) and "
                        "the copy-texts the texts are transcribed from (tei/sources/).",
        "readme_site": "The edition on the web: {url} — downloads: {downloads}",
        "readme_contents": "Contents",
        "readme_validate": "Validate with any RELAX NG validator, for example: jing tei/schema/tei_all.rng "
                           "tei/*.xml. Each text's header records the SHA-256 checksum of its copy-text.",
        "readme_licence": "Licences: see LICENCE.md.",
        "licence_by_file": "Licence of each file",
        # search (scripts/search.py, scripts/searchpage.py, overrides/partials/search.html)
        "search": "Search",
        "search_label": "Search the edition",
        "search_placeholder": "Search",
        "search_submit": "Search",
        "search_intro": "Searches the English pages of the edition: the texts and translations, the index, the "
                        "concordance, the commentary. Words are found in their inflected forms (siege, sieges), and "
                        "persons, groups and places under any of their names (Beiton, Бейтон, Байтон).",
        "search_nojs": "Search runs in your browser and needs JavaScript, which is turned off. Everything it "
                       "searches can be read without it: the texts and the index.",
        "search_loading": "Searching…",
        "search_error": "The search index could not be loaded.",
        "search_none": "Nothing found for «{query}».",
        "search_count_one": "{n} page found for «{query}».",
        "search_count_few": "{n} pages found for «{query}».",
        "search_count_many": "{n} pages found for «{query}».",
        "search_count_other": "{n} pages found for «{query}».",
        "search_more": "More results",
        # external identifiers, commentary mentions and web sources on the index and bibliography (issue 18)
        "external_ids": "External identifiers",
        "named_in_commentary": "Named in the commentary",
        "web_only_source": "web page, the only source found",
        "bib_web_only": "Web page: the only source the editors found for what it is cited for.",
        "bib_superseded": "Web page, no longer cited: a scholarly work is now cited for what it supported.",
        # the DTS API and the index as linked data (scripts/dts.py, scripts/dtslinks.py, scripts/linkeddata.py)
        "permalink_dts": "{permalink} (DTS reference: {ref})",
        "cite_dts": "DTS reference",
        "cite_dts_tei": "TEI of this passage",
        "fmt_jsonld": "JSON-LD",
        "desc_entities_jsonld": "The whole index (persons, groups, places) as linked data: JSON-LD with schema.org "
                                "terms, each entry linked to Wikidata, GeoNames or VIAF where it has an identifier "
                                "there (sameAs)",
        "ld_index_name": "{title}. Index of persons, groups and places",
        # the text page's reading layout, view and markers (issue 19)
        "panels_toggle": "Navigation and contents",
        "view_name_critical": "critical text",
        "view_name_diplomatic": "diplomatic text, as in the source",
        "view_now_diplomatic": "Diplomatic view: the text as the source has it, with its errors. Places where the "
                               "critical text reads otherwise ({n} in all) are marked like this: {sample}; their "
                               "apparatus notes give both readings.",
        "view_now_diplomatic_none": "Diplomatic view: the text as the source has it. The critical text reads the "
                                    "same throughout.",
        "view_sample": "reading",
        "legend": "In the text",
        "legend_apparatus": "a note of the critical apparatus (the source's reading, the editors' reasons)",
        "legend_commentary": "an entry of the commentary",
        "legend_names": "names link to the index, with a card on pointing, focus or a first tap",
        "note_previous": "Previous note",
        "note_next": "Next note",
        "print_page": "Online: {url} — each paragraph's anchor (#…) is printed after it; add it to this address "
                      "to cite the paragraph.",
        # hostile input (scripts/csvsafe.py, scripts/devserve.py)
        "dl_csv_formulas": "In the CSV files, a cell that begins with =, +, - or @ (other than a number) is "
                           "written with an apostrophe before it, so that spreadsheet programs show it as text "
                           "instead of running it as a formula; the JSON files give every value unchanged.",
        "serve_failed": "The last edit could not be built. This is the last good build; it is served until the "
                        "errors below are fixed.",
    },
    "ru": {
        "texts": "Тексты",
        "source": "Источник",
        "download_tei": "Скачать TEI ({file})",
        "copy_text": "Текст-основа ({file})",
        "licence": "Лицензия",
        "permalink": "Постоянная ссылка: {unit} {id}",
        "anchor_moved": "Место, прежде цитировавшееся как {id}, перенесено:",
        "cite": "Цитировать",
        "cite_unit": "Цитировать: {unit} {id}",
        "cite_title": "Как цитировать эту страницу",
        "cite_intro": "Каждый абзац, цифру, примечание и статью можно цитировать отдельно: ссылка ¶ — их постоянная "
                      "ссылка, а кнопка «Цитировать» даёт библиографическую ссылку с ней.",
        "cite_permalink": "Постоянная ссылка",
        "cite_citation": "Библиографическая ссылка",
        "cite_style": "ГОСТ Р 7.0.100–2018",
        "cite_copy_link": "Копировать ссылку",
        "cite_copy_citation": "Копировать библиографическую ссылку",
        "cite_copied": "Скопировано в буфер обмена.",
        "cite_copy_failed": "Не удалось скопировать: выделите текст и скопируйте его.",
        "cite_within": "В этом фрагменте",
        "cite_records": "Для библиографических менеджеров",
        "cite_record": "{format} ({what})",
        "cite_this_text": "этот текст",
        "cite_the_edition": "издание",
        "cite_editors": "редакторы издания",
        "cite_publisher": "редакторы цифрового издания «Осада Албазина»",
        "cite_accessed_unknown": "[дата обращения]",
        "unit_figure": "цифра",
        "footer_version": "Версия издания {version}",
        "footer_build": "сборка из коммита {commit} от {date}",
        "unit_paragraph": "абзац",
        "unit_division": "раздел",
        "unit_item": "библиографическая запись",
        "unit_note": "примечание",
        "edition_version": "Версия издания {version}",
        "language_of_text": "Текст на {language}",
        "lang_en": "английском языке",
        "lang_ru": "русском языке",
        "editorial_note": "Примечание редакторов",
        "witness": "Список {siglum}",
        "sha256": "SHA-256 текста-основы",
        "unit_apparatus": "примечание аппарата",
        "apparatus": "Критический аппарат",
        "apparatus_intro": "Для каждого места указаны чтение, принятое в критическом тексте, чтение источника "
                           "и обоснование редакторов. Дипломатический вид показывает в тексте чтения источника.",
        "note_marker": "Примечание аппарата {n}",
        "back_to_text_from": "{n}. {where}: вернуться к тексту",
        "app_edition": "Издание",
        "app_source": "Источник",
        "app_lemma": "Лемма",
        "app_not_emended": "без исправления",
        "empty_reading": "(ничего)",
        "kind_correction": "Исправление",
        "kind_regularisation": "Нормализация",
        "kind_lemma": "Примечание без исправления",
        "certainty": "Степень уверенности: {cert}",
        "cert_high": "высокая",
        "cert_medium": "средняя",
        "cert_low": "низкая",
        "para_short": "абз. {n}",
        "reading_options": "Параметры чтения",
        "view_legend": "Текст",
        "view_critical": "Критический",
        "view_diplomatic": "Дипломатический (как в источнике)",
        "layout_legend": "Показать",
        "layout_original": "Оригинал",
        "layout_translation": "Перевод",
        "layout_parallel": "Параллельно",
        "close": "Закрыть",
        "original_label": "Оригинал ({language})",
        "translation_label": "Перевод редакторов издания ({language})",
        "language_name_en": "английский",
        "language_name_ru": "русский",
        "about_text": "Об этом тексте: происхождение, лицензия, версия",
        "date_birth": "род.",
        "date_death": "ум.",
        "date_floruit": "упом.",
        "date_after": "после {date}",
        "date_before": "до {date}",
        "index": "Указатели",
        "index_person": "Лица",
        "index_org": "Группы и государства",
        "index_place": "Места",
        "index_intro_person": "Все лица, названные в трёх текстах и их переводах, со всеми упоминаниями.",
        "index_intro_org": "Все группы, народы, государства и учреждения, названные в текстах и их переводах, "
                           "со всеми упоминаниями.",
        "index_intro_place": "Все места, названные в текстах и их переводах, со всеми упоминаниями. "
                             "На карте показаны те, что можно локализовать.",
        "other_name": "По-английски: {name}",
        "full_name": "Полное имя: {name}",
        "modern_name": "Ныне: {name}",
        "forms_in_texts": "Формы в текстах",
        "occurrences": "Упоминания ({n})",
        "sources": "Источники",
        "show_on_map": "показать на карте",
        "coordinates": "{lat}° с. ш., {lon}° в. д.",
        "approximate": "приблизительно",
        "text_original": "Текст {siglum} ({language})",
        "text_translation": "Текст {siglum}, перевод ({language})",
        "unit_entry": "статья указателя",
        "map_title": "Карта мест, упомянутых в текстах",
        "map_desc": "{n} мест в равнопромежуточной проекции с сеткой через 5°; каждая точка ведёт к статье указателя.",
        "map_outside": "Вне карты (за пределами её области): {places}.",
        "map_unlocated": "Не локализованы (регионы или неточные): {places}.",
        "map_basemap": "Берег, озёра и современные границы (пунктир): Natural Earth 1:10m; реки: Natural Earth "
                       "1:50m (общественное достояние). Шилки и Зеи нет: в доступных офлайн данных они есть только "
                       "в масштабе, которым проект не располагает.",
        "map_no_basemap": "Геометрия подложки недоступна офлайн: только точки, подписи и сетка.",
        "name_card_link": "{name}: статья указателя",
        # конкорданс цифр
        "concordance": "Конкорданс цифр",
        "conc_intro": "Что каждый рассказ сообщает по каждому вопросу о числах и датах, рядом: собственные слова "
                      "текста (с переводом редакторов, если текст на другом языке), значение в нормализации "
                      "редакторов и ссылка на место в тексте.",
        "conc_method": "Как сравниваются тексты: каждая цифра понимается как интервал — точное число как "
                       "таковое, приблизительное («около», «почти») — ±10 %, «не более» — всё до этого числа, "
                       "дата — покрываемые ею дни по новому (григорианскому) стилю. Даты русских текстов по "
                       "старому (юлианскому) стилю переводятся прибавлением десяти дней; месяц без указания "
                       "календаря (текст C) охватывает оба прочтения. Тексты расходятся, если значение одного "
                       "не пересекается со значением другого для величины того же рода.",
        "not_stated": "не сказано",
        "status_disagree": "Тексты расходятся",
        "status_agree": "Тексты согласуются",
        "status_unmatched": "Несопоставимо",
        "status_single": "Только в одном тексте",
        "filter_disagree": "Показать только вопросы, в которых тексты расходятся ({n})",
        "see_chart": "Диаграмма",
        "unit_question": "вопрос",
        "col_question": "Вопрос",
        "col_text": "Текст",
        "col_value": "Значение",
        "col_figures": "Цифры в текстах",
        "col_not_stated": "Не указано в",
        "conc_download": "Скачать конкорданс:",
        "conc_columns_link": "(описание столбцов ниже)",
        "conc_columns": "Файлы данных",
        "conc_columns_intro": "Файлы CSV и JSON содержат по одной записи на каждую цифру, в порядке этой страницы, "
                              "со следующими столбцами (JSON дополнительно указывает для каждого вопроса тексты, "
                              "которые о нём молчат). Названия и порядок столбцов не меняются от версии к версии.",
        "charts": "Диаграммы",
        "charts_intro": "Каждая диаграмма сравнивает числа, которые тексты дают по одному вопросу. Вопросы об "
                        "одной и той же величине имеют общую ось, логарифмическую, если значения различаются в "
                        "десять раз и более; линия показывает приблизительное значение (±10 %) или границу "
                        "(«не более»).",
        "charts_table": "Числа, показанные на диаграммах",
        "chart_title": "{question} ({unit})",
        "chart_text": "Текст {siglum}",
        "chart_log": "Логарифмическая шкала.",
        "chart_linear": "Линейная шкала.",
        "chart_os_year": "1 янв. {year} ст. ст.",
        "timeline": "Хронология",
        "timeline_intro": "Даты, которые дают тексты, на одной оси дат нового (григорианского) стиля; отметки над "
                          "первой шкалой показывают начало каждого года по старому (юлианскому) стилю. Полоса — "
                          "месяц, сезон или год; отдельная отметка — день.",
        "timeline_title_timeline-sieges": "Осады и мир, 1685–1689",
        "timeline_caption_timeline-sieges": "Внизу месяцы по григорианскому календарю; вверху начало каждого "
                                            "года по юлианскому (старому) стилю, на десять дней позже.",
        "timeline_title_timeline-context": "До и после, 1655–1735",
        "timeline_caption_timeline-context": "По годам. События, датированные только веком, приведены в таблице.",
        "timeline_table": "Даты, показанные на хронологических шкалах",
        "date_os_ns": "{own} ст. ст. ({ns} н. ст.)",
        "date_os": "{own} ст. ст.",
        "date_between": "между {first} и {last}",
        "date_calendar_unstated": "{date} (календарь не указан)",
        "unit_men": "человек",
        "unit_guns": "орудий",
        "unit_desiatinas": "десятин",
        "unit_versty": "вёрст",
        "unit_years": "лет",
        "unit_months": "месяцев",
        "unit_days": "дней",
        "unit_number": "число",
        "unit_date": "дата",
        # комментарий и библиография
        "commentary": "Комментарий",
        "bibliography": "Библиография",
        "comment_marker": "Комментарий {n}: {title}",
        "unit_commentary": "статья комментария",
        "unit_work": "библиографическая запись",
        "whole_paragraph": "(абзац)",
        "com_intro": "Комментарий редакторов к местам, где рассказы расходятся или содержат исторически "
                     "значимые утверждения, по эпизодам. Каждая статья излагает, что говорит каждый текст, "
                     "сопоставляет это с литературой и ссылается на неё; она ведёт ко всем обсуждаемым местам "
                     "в текстах и переводах, к строкам конкорданса и к указателям.",
        "com_passages": "Обсуждаемые места",
        "com_concordance": "В конкордансе",
        "com_index": "В указателях",
        "com_works": "Цитируемые работы",
        "com_full": "В комментарии →",
        "com_discussed_here": "На этой странице",
        "commentary_on_text": "Комментарий к этому тексту",
        "commentary_on_text_intro": "Статьи комментария редакторов, относящиеся к этому тексту, с номерами их "
                                    "отметок (*1, *2 …) в тексте.",
        "bib_intro": "Все работы, цитируемые в комментарии, со ссылками на цитирующие их статьи.",
        "bib_cited_in": "Цитируется в",
        "see_commentary": "Комментарий: {title}",
        # страница «Файлы для скачивания» (scripts/downloads.py, scripts/downloadspage.py)
        "downloads": "Файлы для скачивания",
        "all_downloads": "Все файлы",
        "dl_intro": "Все файлы версии {version} издания, создаваемые из TEI при каждой сборке сайта: файлы TEI, "
                    "весь корпус одним архивом, тексты и переводы в виде простого текста, указатели и конкорданс "
                    "в виде данных. Для каждого файла указаны размер и контрольная сумма SHA-256.",
        "dl_verify": "Чтобы проверить скачанные файлы, разложите их по папкам, как на сайте (например, tei/A.xml), "
                     "рядом с SHA256SUMS и выполните:",
        "dl_corpus": "Весь корпус",
        "dl_corpus_intro": "Один ZIP-архив: все файлы TEI, схема TEI All, тексты-основы, README со списком файлов "
                           "и их контрольными суммами и сведения о лицензиях. Архив воспроизводим: одна и та же "
                           "версия всегда даёт одни и те же байты.",
        "dl_tei": "Файлы TEI",
        "dl_tei_intro": "Тексты и переводы редакторов, файл указателей, комментарий, библиография и заголовок "
                        "издания в формате TEI P5. Каждый файл проходит проверку по схеме TEI All.",
        "dl_plain": "Простой текст",
        "dl_plain_intro": "UTF-8, по строке на заголовок, абзац или библиографическую запись, без разметки и без "
                          "заголовка файла. Дипломатический файл оригинала побайтно совпадает с текстом-основой; "
                          "в критическом файле те же строки с исправлениями редакторов, так что "
                          "построчное сравнение показывает каждое исправление. Примечания не включены.",
        "dl_data": "Данные",
        "dl_data_intro": "Указатели лиц, групп и мест и конкорданс цифр в формате CSV (UTF-8, через запятую, "
                         "строка заголовков) и JSON с теми же записями.",
        "dl_sources": "Тексты-основы и схема",
        "dl_sources_intro": "Тексты-основы в виде простого текста, с которых сделана транскрипция, без изменений, "
                            "и схема, по которой проверяются файлы TEI.",
        "dl_cite": "Библиографические записи",
        "dl_cite_intro": "Записи BibTeX (biblatex) и RIS для издания и для каждого текста — для библиографических "
                         "менеджеров, с заглавиями на английском или на русском. Те же записи даны ссылками внизу "
                         "каждой страницы.",
        "desc_cite": "{what}; язык заглавий: {language}",
        "fmt_bib": "BibTeX (biblatex)",
        "fmt_ris": "RIS",
        "dl_checksums": "Контрольные суммы",
        "dl_checksums_intro": "Контрольные суммы SHA-256 всех остальных файлов этой страницы в формате sha256sum.",
        "dl_col_file": "Файл",
        "dl_col_description": "Описание",
        "dl_col_format": "Формат",
        "dl_col_size": "Размер",
        "dl_col_sha256": "SHA-256",
        "dl_entity_columns": "Указатели как данные: столбцы",
        "dl_entity_columns_intro": "Файлы лиц, групп и мест имеют одинаковые столбцы; элементы списка в ячейке CSV "
                                   "разделены знаком « | ». Файлы JSON содержат те же записи, каждая с объектом "
                                   "detail, где те же сведения даны в структурированном виде. Названия и порядок "
                                   "столбцов не меняются от версии к версии.",
        "dl_concordance_columns": "Столбцы файлов конкорданса описаны на странице конкорданса.",
        "size_bytes_one": "{n} байт",
        "size_bytes_few": "{n} байта",
        "size_bytes_many": "{n} байт",
        "size_kb": "{n} кБ",
        "size_mb": "{n} МБ",
        "fmt_tei": "TEI P5 XML",
        "fmt_rng": "RELAX NG (XML)",
        "fmt_md": "Markdown",
        "fmt_txt": "Простой текст, UTF\u20118",
        "fmt_zip": "ZIP-архив",
        "fmt_csv": "CSV",
        "fmt_json": "JSON",
        "fmt_sums": "sha256sum",
        "fmt_other": "Файл",
        "desc_tei_authority": "Файл указателей: лица, группы и места, с именами и источниками",
        "desc_tei_commentary": "Комментарий редакторов, на английском и русском языках",
        "desc_tei_bibliography": "Библиография комментария",
        "desc_tei_edition": "Заголовок издания: версия, лицензия, редакционные принципы, вопросы конкорданса",
        "desc_tei_other": "Файл TEI корпуса",
        "desc_copy_text": "Текст-основа текста {siglum}, без изменений (его SHA-256 записана в заголовке TEI)",
        "desc_schema": "Схема TEI All, TEI P5 версии 4.3.0 (принадлежит TEI Consortium; CC BY 3.0 и BSD-2)",
        "desc_schema_readme": "О файле схемы",
        "desc_sources_readme": "О текстах-основах",
        "desc_file": "Файл корпуса",
        "desc_zip": "Версия {version}: все файлы TEI, схема, тексты-основы, README и сведения о лицензиях",
        "desc_plain_critical": "Текст {siglum}, критический текст ({language})",
        "desc_plain_diplomatic": "Текст {siglum}, дипломатический текст ({language}): в точности как текст-основа",
        "desc_plain_diplomatic_same": "Текст {siglum}, дипломатический текст ({language}): в точности как "
                                      "текст-основа, совпадает с критическим",
        "desc_plain_translation_critical": "Текст {siglum}, перевод редакторов ({language})",
        "desc_plain_translation_diplomatic": "Текст {siglum}, перевод редакторов ({language}), дипломатический",
        "desc_plain_translation_diplomatic_same": "Текст {siglum}, перевод редакторов ({language}), "
                                                  "дипломатический: совпадает с критическим (чтений источника нет)",
        "desc_entities_csv": "{index}: идентификаторы, имена по-английски и по-русски, все формы имён, даты, "
                             "координаты, URL в указателях, число упоминаний по текстам",
        "desc_entities_json": "{index}: те же записи, что в CSV, со структурированными сведениями",
        "desc_concordance_csv": "Конкорданс цифр: по записи на каждую цифру",
        "desc_concordance_json": "Конкорданс цифр: те же записи и тексты, молчащие по каждому вопросу",
        "desc_sums": "Контрольные суммы SHA-256 файлов выше, для sha256sum -c",
        "readme_intro": "Версия {version} издания, опубликована {date}. Архив содержит весь корпус: файлы TEI "
                        "(tei/), схему TEI All, по которой они проверяются (tei/schema/), и тексты-основы, с "
                        "которых сделана транскрипция (tei/sources/).",
        "readme_site": "Издание в сети: {url} — файлы для скачивания: {downloads}",
        "readme_contents": "Содержание",
        "readme_validate": "Проверка — любым валидатором RELAX NG, например: jing tei/schema/tei_all.rng "
                           "tei/*.xml. В заголовке каждого текста записана контрольная сумма SHA-256 его "
                           "текста-основы.",
        "readme_licence": "Лицензии: см. LICENCE.md.",
        "licence_by_file": "Лицензия каждого файла",
        # поиск
        "search": "Поиск",
        "search_label": "Поиск по изданию",
        "search_placeholder": "Поиск",
        "search_submit": "Найти",
        "search_intro": "Поиск по русским страницам издания: тексты и переводы, указатели, конкорданс, "
                        "комментарий. Слова находятся в любых падежных формах (осада, осады, осаду), лица, группы "
                        "и места — под любым из их имён (Бейтон, Байтон, Beiton).",
        "search_nojs": "Поиск работает в браузере и требует JavaScript, который отключён. Всё, что он ищет, "
                       "можно прочитать и без него: тексты и указатели.",
        "search_loading": "Идёт поиск…",
        "search_error": "Не удалось загрузить поисковый индекс.",
        "search_none": "По запросу «{query}» ничего не найдено.",
        "search_count_one": "По запросу «{query}» найдена {n} страница.",
        "search_count_few": "По запросу «{query}» найдено {n} страницы.",
        "search_count_many": "По запросу «{query}» найдено {n} страниц.",
        "search_count_other": "По запросу «{query}» найдено {n} страницы.",
        "search_more": "Ещё результаты",
        # external identifiers, commentary mentions and web sources on the index and bibliography (issue 18)
        "external_ids": "Внешние идентификаторы",
        "named_in_commentary": "Упоминается в комментарии",
        "web_only_source": "веб-страница, единственный найденный источник",
        "bib_web_only": "Веб-страница: единственный найденный редакторами источник того, для чего она приводится.",
        "bib_superseded": "Веб-страница, больше не цитируется: вместо неё теперь приводится научная работа.",
        # API DTS и указатели как связанные данные (scripts/dts.py, scripts/dtslinks.py, scripts/linkeddata.py)
        "permalink_dts": "{permalink} (ссылка DTS: {ref})",
        "cite_dts": "Ссылка DTS",
        "cite_dts_tei": "TEI этого фрагмента",
        "fmt_jsonld": "JSON-LD",
        "desc_entities_jsonld": "Все указатели (лица, группы, места) как связанные данные: JSON-LD в терминах "
                                "schema.org, статьи связаны с Wikidata, GeoNames или VIAF, где у них есть там "
                                "идентификатор (sameAs)",
        "ld_index_name": "{title}. Указатель лиц, групп и мест",
        # the text page's reading layout, view and markers (issue 19)
        "panels_toggle": "Навигация и содержание",
        "view_name_critical": "критический текст",
        "view_name_diplomatic": "дипломатический текст, как в источнике",
        "view_now_diplomatic": "Дипломатический вид: текст таким, каков он в источнике, с его ошибками. Места, "
                               "где критический текст читает иначе (всего: {n}), отмечены так: {sample}; в их "
                               "примечаниях аппарата даны оба чтения.",
        "view_now_diplomatic_none": "Дипломатический вид: текст таким, каков он в источнике. Критический текст "
                                    "читает так же.",
        "view_sample": "чтение",
        "legend": "В тексте",
        "legend_apparatus": "примечание критического аппарата (чтение источника, доводы редакторов)",
        "legend_commentary": "статья комментария",
        "legend_names": "имена ведут в указатель; карточка — при наведении, фокусе или первом касании",
        "note_previous": "Предыдущее примечание",
        "note_next": "Следующее примечание",
        "print_page": "В сети: {url} — якорь каждого абзаца (#…) напечатан после него; добавьте его к этому "
                      "адресу, чтобы сослаться на абзац.",
        # hostile input (scripts/csvsafe.py, scripts/devserve.py)
        "dl_csv_formulas": "В файлах CSV ячейка, которая начинается с =, +, - или @ (если это не число), "
                           "записана с апострофом в начале, чтобы электронные таблицы показали её как текст, а не "
                           "выполнили как формулу; файлы JSON дают все значения без изменений.",
        "serve_failed": "Последнюю правку не удалось собрать. Это последняя удачная сборка; она показывается, пока "
                        "ошибки ниже не исправлены.",
    },
}


# --- publishing (issue 16): human locators, edition statement, versions and changes ------------
_PUBLISHING: dict[str, dict[str, str]] = {
    "en": {
        "loc_quote": "\u201c{text}\u201d",
        "loc_note": "note {n}",
        "loc_section": "section {title}",
        "loc_entry": "s.v. {name}",
        "loc_commentary": "commentary {title}",
        "loc_question": "question {title}",
        "loc_figure": "{where}, {words}",
        "loc_translation": "{where} of the translation",
        "edition_statement": "Version {version}",
        "changes": "Changes and versions",
        "changes_intro": "What changed in each version of the edition, from the revision history in the TEI "
                         "headers (revisionDesc). Each version is published once and never changed; cite the "
                         "version you read.",
        "changes_version": "Version {version}",
        "changes_date": "published {date}",
        "changes_unreleased": "Changes not yet released",
        "changes_this": "this version",
        "changes_edition": "The edition as a whole",
        "changes_in_file": "{file}",
        "changes_none": "No changes recorded.",
        "versions": "Published versions",
        "versions_intro": "Every published version stays online at its own address. The latest version is "
                          "always at {latest}.",
        "versions_none": "This build is not a published version: its addresses are those of a working copy.",
        "versions_this": "{version} (this version)",
        "versions_latest": "the latest version",
        "footer_versions": "changes and versions",
        "jsonld_translation": "Translation by the editors",
        "cite_date_placeholder": "date",
        "redirect_title": "This page has moved",
        "redirect_text": "This page has moved to",
    },
    "ru": {
        "loc_quote": "\u00ab{text}\u00bb",
        "loc_note": "примеч. {n}",
        "loc_section": "раздел {title}",
        "loc_entry": "статья {name}",
        "loc_commentary": "комментарий {title}",
        "loc_question": "вопрос {title}",
        "loc_figure": "{where}, {words}",
        "loc_translation": "{where} перевода",
        "edition_statement": "Версия {version}",
        "changes": "Изменения и версии",
        "changes_intro": "Что изменилось в каждой версии издания — по истории правки в заголовках TEI "
                         "(revisionDesc). Каждая версия публикуется один раз и больше не меняется; ссылайтесь "
                         "на ту версию, которую читали. Описания изменений в TEI даны по-английски.",
        "changes_version": "Версия {version}",
        "changes_date": "опубликована {date}",
        "changes_unreleased": "Изменения, ещё не вошедшие в выпуск",
        "changes_this": "эта версия",
        "changes_edition": "Издание в целом",
        "changes_in_file": "{file}",
        "changes_none": "Изменений не записано.",
        "versions": "Опубликованные версии",
        "versions_intro": "Каждая опубликованная версия остаётся в сети по своему адресу. Последняя версия "
                          "всегда доступна по адресу {latest}.",
        "versions_none": "Эта сборка — не опубликованная версия: её адреса — адреса рабочей копии.",
        "versions_this": "{version} (эта версия)",
        "versions_latest": "последняя версия",
        "footer_versions": "изменения и версии",
        "jsonld_translation": "Перевод редакторов издания",
        "cite_date_placeholder": "дата",
        "redirect_title": "Страница перемещена",
        "redirect_text": "Страница перемещена по адресу",
    },
}
for _lang, _labels in _PUBLISHING.items():
    LABELS[_lang].update(_labels)
# --- the editorial matter: introduction, glossary, classes of emendation (scripts/editorial.py) --------
LABELS["en"].update({
    "introduction": "Introduction",
    "glossary": "Glossary",
    "unit_section": "section",
    "unit_term": "glossary entry",
    "term_marker": "Glossary: {term}",
    "cited_apparatus": "apparatus note {id} (text {siglum})",
    "cited_glossary": "glossary: {title}",
    "cited_introduction": "introduction: {title}",
    "app_class": "{kind} ({cls})",
    "gl_intro": "Terms of Russian and Qing administration, service and measurement that the texts use, with their "
                "meaning in the seventeenth century, how the texts use them, and the sources of each definition. In "
                "the texts a term links to its entry and shows a short definition on hover or keyboard focus; a ° "
                "after a name marks a name that is also a term of this glossary.",
    "gl_transliteration": "transliteration",
    "gl_equivalent": "English",
    "gl_usage": "In these texts",
    "gl_in_texts": "Occurrences",
    "gl_context": "Not used in the texts themselves: needed to read the introduction, the commentary and the index.",
    "gl_sources": "Sources",
    "gl_see_also": "See also",
    "gl_index_entry": "Index",
    "stemma_list": "The diagram as a list",
    "stemma_nodes": "Texts, witnesses and sources",
    "stemma_arcs": "Relations",
    "stemma_cert_high": "certain",
    "stemma_cert_medium": "probable",
    "stemma_cert_low": "possible",
    "stemma_key": "Solid line: certain; dashed: probable; dotted: possible.",
    "desc_tei_glossary": "The glossary of the texts' terms, in English and Russian",
    "desc_tei_introduction": "The editors' introduction (dates, authorship, relations, stemma), in English and Russian",
})
LABELS["ru"].update({
    "introduction": "Введение",
    "glossary": "Глоссарий",
    "unit_section": "раздел",
    "unit_term": "статья глоссария",
    "term_marker": "Глоссарий: {term}",
    "cited_apparatus": "примечание аппарата {id} (текст {siglum})",
    "cited_glossary": "глоссарий: {title}",
    "cited_introduction": "введение: {title}",
    "app_class": "{kind} ({cls})",
    "gl_intro": "Термины русского и цинского управления, службы и мер, встречающиеся в текстах: их значение в XVII в., "
                "их употребление в текстах и источники каждого определения. В текстах термин ссылается на свою статью "
                "и при наведении или фокусе с клавиатуры показывает краткое определение; знак ° после имени отмечает "
                "имя, которое является и термином глоссария.",
    "gl_transliteration": "транслитерация",
    "gl_equivalent": "по-английски",
    "gl_usage": "В этих текстах",
    "gl_in_texts": "Употребления",
    "gl_context": "В самих текстах не встречается: нужен для чтения введения, комментария и указателей.",
    "gl_sources": "Источники",
    "gl_see_also": "См. также",
    "gl_index_entry": "Указатель",
    "stemma_list": "Схема в виде списка",
    "stemma_nodes": "Тексты, копии и источники",
    "stemma_arcs": "Связи",
    "stemma_cert_high": "несомненно",
    "stemma_cert_medium": "вероятно",
    "stemma_cert_low": "возможно",
    "stemma_key": "Сплошная линия — несомненная связь, штриховая — вероятная, пунктирная — возможная.",
    "desc_tei_glossary": "Глоссарий терминов текстов на английском и русском языках",
    "desc_tei_introduction": "Введение редакторов (датировка, авторство, связи текстов, стемма) на английском и "
                             "русском языках",
})

# --- the colour scheme switch in the header (overrides/partials/palette.html; issue 19) ---------------
LABELS["en"].update({
    "palette_group": "Colour scheme",
    "palette_default": "Light",
    "palette_slate": "Dark",
    "palette_to_default": "Switch to the light colour scheme",
    "palette_to_slate": "Switch to the dark colour scheme",
})
LABELS["ru"].update({
    "palette_group": "Цветовая схема",
    "palette_default": "Светлая",
    "palette_slate": "Тёмная",
    "palette_to_default": "Включить светлую цветовую схему",
    "palette_to_slate": "Включить тёмную цветовую схему",
})


def language_name(site_lang: str, lang: str) -> str:
    """A language's name in the site language ("Russian", «русский»), or its tag if unnamed."""
    key = f"language_name_{lang}"
    return label(site_lang, key) if key in LABELS[DEFAULT_LANGUAGE] else lang


def label(lang: str, key: str, **values: str) -> str:
    table = LABELS.get(lang, LABELS[DEFAULT_LANGUAGE])
    return table[key].format(**values)


def template(lang: str, key: str) -> str:
    """A label with its {placeholders} left in, for a script that fills them in the browser."""
    return LABELS.get(lang, LABELS[DEFAULT_LANGUAGE])[key]
