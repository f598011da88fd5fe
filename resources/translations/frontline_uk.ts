<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA">
<context>
    <name></name>
    <message>
        <source>Claims vs assessment</source>
        <translation>Заяви проти оцінки</translation>
    </message>
    <message>
        <source>Assessment vs assessment</source>
        <translation>Оцінка проти оцінки</translation>
    </message>
    <message>
        <source>Disagreement</source>
        <translation>Розбіжність</translation>
    </message>
    <message>
        <source>km²</source>
        <translation>км²</translation>
    </message>
    <message>
        <source>vs</source>
        <translation>проти</translation>
    </message>
    <message>
        <source>Unmarked (held by Ukraine or not assessed)</source>
        <translation>Без позначки (під контролем України або не оцінено)</translation>
    </message>
    <message>
        <source>No assessment to compare.</source>
        <translation>Немає оцінки для порівняння.</translation>
    </message>
    <message>
        <source>Choose two different assessments.</source>
        <translation>Виберіть дві різні оцінки.</translation>
    </message>
    <message>
        <source>undated</source>
        <translation>без дати</translation>
    </message>
    <message>
        <source>Double-click to open the quote.</source>
        <translation>Двічі клацніть, щоб відкрити цитату.</translation>
    </message>
    <message>
        <source>No claims on {when}.</source>
        <translation>Немає заяв на {when}.</translation>
    </message>
    <message>
        <source>{n} claim(s) on {when}; {km2} km² disputed by the assessment.</source>
        <translation>Заяв на {when}: {n}; оцінка заперечує {km2} км².</translation>
    </message>
    <message>
        <source>{zone} — {km2} of {claim_km2} km² disputed</source>
        <translation>{zone} — заперечено {km2} з {claim_km2} км²</translation>
    </message>
    <message>
        <source>assessed: {status}</source>
        <translation>за оцінкою: {status}</translation>
    </message>
    <message>
        <source>For the claim ({n})</source>
        <translation>На користь заяви ({n})</translation>
    </message>
    <message>
        <source>For the assessment ({n})</source>
        <translation>На користь оцінки ({n})</translation>
    </message>
    <message>
        <source> inside the area of interest</source>
        <translation> у районі інтересу</translation>
    </message>
    <message>
        <source>{a} vs {b} on {when}: {km2} km² differ{where}.</source>
        <translation>{a} проти {b} на {when}: розбіжність {km2} км²{where}.</translation>
    </message>
    <message>
        <source>{status}: only {who}</source>
        <translation>{status}: лише {who}</translation>
    </message>
    <message>
        <source>only in {who}</source>
        <translation>лише в «{who}»</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Авторство</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Ліцензія</translation>
    </message>
    <message>
        <source>The layer&apos;s name, in the Layers dock, the Editing box and exports</source>
        <translation>Назва шару на панелі «Шари», у полі «Редагування» та в експорті</translation>
    </message>
    <message>
        <source>Printed in the attribution of every map, frame and export where this layer is shown, e.g. © DeepStateMap.live</source>
        <translation>Друкується в рядку атрибуції кожної карти, кадру й експорту, де показано цей шар, напр. © DeepStateMap.live</translation>
    </message>
    <message>
        <source>The terms the layer&apos;s data comes under, e.g. what its licence asks of you</source>
        <translation>Умови, на яких надано дані шару, напр. чого вимагає його ліцензія</translation>
    </message>
    <message>
        <source>Assessment Properties: {name}</source>
        <translation>Властивості оцінки: {name}</translation>
    </message>
    <message>
        <source>another assessment is called {name}</source>
        <translation>інша оцінка вже має назву {name}</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Нотатки</translation>
    </message>
    <message>
        <source>Whose this layer is: the credit joins the attribution line of every map, replay frame and export that shows it.</source>
        <translation>Чий це шар: авторство додається до рядка атрибуції кожної карти, кадру відтворення й експорту, де його показано.</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Новий проєкт</translation>
    </message>
    <message>
        <source>New project {name}</source>
        <translation>Новий проєкт {name}</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Відкрити проєкт</translation>
    </message>
    <message>
        <source>Opened {name}</source>
        <translation>Відкрито {name}</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation> (лише читання)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Усі файли (*)</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>Немає недавніх проєктів</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Очистити список</translation>
    </message>
    <message>
        <source>Save a copy as</source>
        <translation>Зберегти копію як</translation>
    </message>
    <message>
        <source>That is the open file; every edit is already saved in it</source>
        <translation>Це відкритий файл; кожну зміну вже збережено в ньому</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Зберегти як</translation>
    </message>
    <message>
        <source>Saved a copy as {name}; you are still editing {current}</source>
        <translation>Копію збережено як {name}; ви й далі редагуєте {current}</translation>
    </message>
    <message>
        <source>the project in memory</source>
        <translation>проєкт у пам’яті</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Читання {name}…</translation>
    </message>
    <message>
        <source>Opening {name}</source>
        <translation>Відкриття {name}</translation>
    </message>
    <message>
        <source>Opening {name} cancelled; {current} is still open</source>
        <translation>Відкриття {name} скасовано; {current} досі відкрито</translation>
    </message>
    <message>
        <source>Undo History Length</source>
        <translation>Довжина історії скасувань</translation>
    </message>
    <message>
        <source>Undo steps to keep (older ones stay saved in the project, but cannot be undone):</source>
        <translation>Скільки кроків скасування зберігати (старіші лишаються збереженими в проєкті, але їх не можна скасувати):</translation>
    </message>
    <message>
        <source>Undo keeps the last {n} steps</source>
        <translation>Скасування зберігає останні кроки: {n}</translation>
    </message>
    <message>
        <source>Add assessment</source>
        <translation>Додати оцінку</translation>
    </message>
    <message>
        <source>Name of the assessment:</source>
        <translation>Назва оцінки:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Імпорт</translation>
    </message>
    <message>
        <source>Reading {n} of {total}…</source>
        <translation>Читання {n} з {total}…</translation>
    </message>
    <message>
        <source>Import failed: {error}</source>
        <translation>Помилка імпорту: {error}</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Імпорт…</translation>
    </message>
    <message>
        <source>Import cancelled; the project is unchanged</source>
        <translation>Імпорт скасовано; проєкт не змінено</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Експорт</translation>
    </message>
    <message>
        <source>Export the whole history (every version, with its dates), or only the zones valid on {when}?</source>
        <translation>Експортувати всю історію (кожну версію з її датами) чи лише зони, чинні на {when}?</translation>
    </message>
    <message>
        <source>Whole history</source>
        <translation>Уся історія</translation>
    </message>
    <message>
        <source>Only {when}</source>
        <translation>Лише {when}</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>Запис {name}…</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>Помилка експорту: {error}</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Експорт…</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>Експорт скасовано</translation>
    </message>
    <message>
        <source>Nothing to zoom to: {what}</source>
        <translation>Немає до чого наблизити: {what}</translation>
    </message>
    <message>
        <source>the project has no area of interest and no zones</source>
        <translation>у проєкті немає району інтересу й жодної зони</translation>
    </message>
    <message>
        <source>the assessment being edited has no zones</source>
        <translation>в оцінці, що редагується, немає зон</translation>
    </message>
    <message>
        <source>nothing is selected</source>
        <translation>нічого не вибрано</translation>
    </message>
    <message>
        <source>Go to coordinates</source>
        <translation>Перейти до координат</translation>
    </message>
    <message>
        <source>Latitude, longitude (48.2833, 37.1750), DMS (48°17′N 37°10′30″E) or MGRS:</source>
        <translation>Широта, довгота (48.2833, 37.1750), DMS (48°17′N 37°10′30″E) або MGRS:</translation>
    </message>
    <message>
        <source>Find place</source>
        <translation>Знайти місце</translation>
    </message>
    <message>
        <source>Town, village, hromada… (Latin or Cyrillic)</source>
        <translation>Місто, село, громада… (латиницею або кирилицею)</translation>
    </message>
    <message>
        <source>No place of that name</source>
        <translation>Немає місця з такою назвою</translation>
    </message>
    <message>
        <source>Basemap: © OpenStreetMap contributors (ODbL 1.0)</source>
        <translation>Базова карта: © учасники OpenStreetMap (ODbL 1.0)</translation>
    </message>
    <message>
        <source>Administrative boundaries: © Minregion (CC BY-SA 4.0)</source>
        <translation>Адміністративні межі: © Мінрегіон (CC BY-SA 4.0)</translation>
    </message>
    <message>
        <source>Natural Earth (public domain)</source>
        <translation>Natural Earth (суспільне надбання)</translation>
    </message>
    <message>
        <source>Map font: DejaVu Sans (Bitstream Vera licence)</source>
        <translation>Шрифт карти: DejaVu Sans (ліцензія Bitstream Vera)</translation>
    </message>
    <message>
        <source>Icons: drawn for Frontline (resources/icons)</source>
        <translation>Піктограми: намальовано для Frontline (resources/icons)</translation>
    </message>
    <message>
        <source>Dated control zones, their evidence, and week-by-week replay, offline.</source>
        <translation>Датовані зони контролю, докази до них і потижневе відтворення — офлайн.</translation>
    </message>
    <message>
        <source>About Frontline</source>
        <translation>Про Frontline</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Клавіатурні скорочення</translation>
    </message>
    <message>
        <source>The keyboard shortcuts page is missing from this installation.</source>
        <translation>У цьому встановленні немає сторінки клавіатурних скорочень.</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Посібник користувача</translation>
    </message>
    <message>
        <source>The user guide is missing from this installation.</source>
        <translation>У цьому встановленні немає посібника користувача.</translation>
    </message>
    <message>
        <source>Automatic: “{deepstate}” for DeepState&apos;s data, else “{default}”</source>
        <translation>Автоматично: «{deepstate}» для даних DeepState, інакше «{default}»</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> і ще {n}</translation>
    </message>
    <message>
        <source>{n} file(s): {names}</source>
        <translation>Файлів: {n}: {names}</translation>
    </message>
    <message>
        <source>Imported zones go into this assessment (made if new; type a name for a new one); assessments never clip each other. Automatic: DeepState&apos;s data goes into “DeepState”, credited to DeepStateMap.live</source>
        <translation>Імпортовані зони потрапляють до цієї оцінки (нову буде створено; для нової введіть назву); оцінки ніколи не обрізають одна одну. Автоматично: дані DeepState потрапляють до «DeepState» з авторством DeepStateMap.live</translation>
    </message>
    <message>
        <source>From the file&apos;s properties</source>
        <translation>З властивостей файлу</translation>
    </message>
    <message>
        <source>Dated snapshots (one file per date) become zone versions</source>
        <translation>Датовані знімки (один файл на дату) стають версіями зон</translation>
    </message>
    <message>
        <source>keep the last</source>
        <translation>залишати останню</translation>
    </message>
    <message>
        <source>keep the first</source>
        <translation>залишати першу</translation>
    </message>
    <message>
        <source>A series keeps one snapshot a day; of several revisions of one day (DeepState&apos;s archive has up to a few), the last or the first is kept and the others set aside</source>
        <translation>Серія зберігає один знімок на день; з кількох редакцій одного дня (в архіві DeepState їх буває кілька) залишається остання або перша, решту відкладено</translation>
    </message>
    <message>
        <source>Into assessment</source>
        <translation>До оцінки</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Several revisions a day</source>
        <translation>Кілька редакцій на день</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Легенда</translation>
    </message>
    <message>
        <source>The key is stored with every zone version; it cannot be changed</source>
        <translation>Ключ зберігається з кожною версією зони; змінити його не можна</translation>
    </message>
    <message>
        <source>assessed: zones of one assessment never overlap; claim and annotation may overlap</source>
        <translation>assessed: зони однієї оцінки ніколи не перекриваються; claim і annotation можуть перекриватися</translation>
    </message>
    <message>
        <source>The pattern drawn over the fill. A colour too pale to read against the basemap is stippled and outlined in a darker shade of itself whatever this says.</source>
        <translation>Візерунок поверх заливки. Надто блідий на тлі базової карти колір у будь-якому разі отримує крапкування й обведення темнішим відтінком.</translation>
    </message>
    <message>
        <source>dashed outline</source>
        <translation>пунктирний контур</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Підпис</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Рівень</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Колір</translation>
    </message>
    <message>
        <source>Fill opacity</source>
        <translation>Непрозорість заливки</translation>
    </message>
    <message>
        <source>Hatch</source>
        <translation>Штрихування</translation>
    </message>
    <message>
        <source>new_status_key</source>
        <translation>new_status_key</translation>
    </message>
    <message>
        <source>Add status</source>
        <translation>Додати статус</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Вилучити</translation>
    </message>
    <message>
        <source>Status colour</source>
        <translation>Колір статусу</translation>
    </message>
    <message>
        <source>A key is lower-case letters, digits and _ (e.g. ua_control)</source>
        <translation>Ключ складається з малих латинських літер, цифр і _ (напр. ua_control)</translation>
    </message>
    <message>
        <source>{key} is already in the legend</source>
        <translation>{key} уже є в легенді</translation>
    </message>
    <message>
        <source>{key} is still used by zones; change their status first</source>
        <translation>{key} ще використовують зони; спершу змініть їхній статус</translation>
    </message>
    <message>
        <source>Folder of PNG frames</source>
        <translation>Тека кадрів PNG</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <source>Week (from Monday)</source>
        <translation>Тиждень (з понеділка)</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Місяць</translation>
    </message>
    <message>
        <source>Current view</source>
        <translation>Поточний вигляд</translation>
    </message>
    <message>
        <source>Area of interest</source>
        <translation>Район інтересу</translation>
    </message>
    <message>
        <source>All zones (no area of interest is set)</source>
        <translation>Усі зони (район інтересу не задано)</translation>
    </message>
    <message>
        <source>Export map image</source>
        <translation>Експорт зображення карти</translation>
    </message>
    <message>
        <source>Export replay video</source>
        <translation>Експорт відео відтворення</translation>
    </message>
    <message>
        <source>Folder for the PNG frames</source>
        <translation>Тека для кадрів PNG</translation>
    </message>
    <message>
        <source>Current view size ({w} × {h})</source>
        <translation>Розмір поточного вигляду ({w} × {h})</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Огляд…</translation>
    </message>
    <message>
        <source>Export Map Image</source>
        <translation>Експорт зображення карти</translation>
    </message>
    <message>
        <source>Add title, date caption, legend and north arrow</source>
        <translation>Додати заголовок, підпис дати, легенду й стрілку півночі</translation>
    </message>
    <message>
        <source>Off: the map exactly as on screen (scale bar and attribution only)</source>
        <translation>Вимкнено: карта точно як на екрані (лише масштабна лінійка й атрибуція)</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>The suffix chooses the format: {formats}</source>
        <translation>Формат визначає розширення: {formats}</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Розмір:</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>Область:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Дата:</translation>
    </message>
    <message>
        <source>{date} (the timeline date)</source>
        <translation>{date} (дата хронології)</translation>
    </message>
    <message>
        <source>No map to export</source>
        <translation>Немає карти для експорту</translation>
    </message>
    <message>
        <source>Image export failed: {error}</source>
        <translation>Помилка експорту зображення: {error}</translation>
    </message>
    <message>
        <source>Map of {date} saved to {path} ({w} × {h})</source>
        <translation>Карту на {date} збережено в {path} ({w} × {h})</translation>
    </message>
    <message>
        <source>Export Replay Video</source>
        <translation>Експорт відео відтворення</translation>
    </message>
    <message>
        <source> or a folder</source>
        <translation> або тека</translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation> кадр/с</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Вимк.</translation>
    </message>
    <message>
        <source>How long the video keeps showing the last step after its frame</source>
        <translation>Скільки відео показує останній крок після його кадру</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Вихід:</translation>
    </message>
    <message>
        <source>File or folder:</source>
        <translation>Файл або тека:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Від:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>До:</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>Крок:</translation>
    </message>
    <message>
        <source>The frames show the layers and statuses the map shows, as presentation mode does</source>
        <translation>Кадри показують ті шари й статуси, що й карта, як у режимі презентації</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>Швидкість:</translation>
    </message>
    <message>
        <source>Hold last step:</source>
        <translation>Затримати останній крок:</translation>
    </message>
    <message>
        <source>{n} frames, one per step: {seconds} s of video</source>
        <translation>Кадрів: {n}, по одному на крок: {seconds} с відео</translation>
    </message>
    <message>
        <source>{n} frame, one per step: {seconds} s of video</source>
        <translation>Кадрів: {n}, по одному на крок: {seconds} с відео</translation>
    </message>
    <message>
        <source>No frames: the end date is before the start date</source>
        <translation>Немає кадрів: кінцева дата раніше за початкову</translation>
    </message>
    <message>
        <source>Nothing to export: the end date is before the start date</source>
        <translation>Нічого експортувати: кінцева дата раніше за початкову</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <source>Writing {name}: frame {n} of {total}…</source>
        <translation>Запис {name}: кадр {n} з {total}…</translation>
    </message>
    <message>
        <source>Replay export failed: {error}</source>
        <translation>Помилка експорту відтворення: {error}</translation>
    </message>
    <message>
        <source>Replay saved to {path}: {n} frames</source>
        <translation>Відтворення збережено в {path}: кадрів — {n}</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>Підзаголовок</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Організація</translation>
    </message>
    <message>
        <source>Project Properties</source>
        <translation>Властивості проєкту</translation>
    </message>
    <message>
        <source>Shown on every map, frame and export, and in the window&apos;s title</source>
        <translation>Показується на кожній карті, кадрі й експорті та в заголовку вікна</translation>
    </message>
    <message>
        <source>A line under the title, e.g. the axis and the step</source>
        <translation>Рядок під заголовком, напр. напрямок і крок</translation>
    </message>
    <message>
        <source>Who publishes this map: the credit line on every map and export</source>
        <translation>Хто публікує цю карту: рядок авторства на кожній карті й експорті</translation>
    </message>
    <message>
        <source>e.g. CC BY 4.0; printed beside the credit</source>
        <translation>напр. CC BY 4.0; друкується поруч з авторством</translation>
    </message>
    <message>
        <source>Maps, replay frames and exports print the title and subtitle; the organisation and licence join the attribution line.</source>
        <translation>Карти, кадри відтворення й експорт друкують заголовок і підзаголовок; організація та ліцензія додаються до рядка атрибуції.</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Вкласти файли</translation>
    </message>
    <message>
        <source>Images, PDFs, text (*.png *.jpg *.jpeg *.gif *.webp *.pdf *.txt);;All files (*)</source>
        <translation>Зображення, PDF, текст (*.png *.jpg *.jpeg *.gif *.webp *.pdf *.txt);;Усі файли (*)</translation>
    </message>
    <message>
        <source>Save attachment as</source>
        <translation>Зберегти вкладення як</translation>
    </message>
    <message>
        <source>Save attachments into folder</source>
        <translation>Зберегти вкладення в теку</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>Зображення PNG</translation>
    </message>
    <message>
        <source>JPEG image</source>
        <translation>Зображення JPEG</translation>
    </message>
    <message>
        <source>GIF image</source>
        <translation>Зображення GIF</translation>
    </message>
    <message>
        <source>WebP image</source>
        <translation>Зображення WebP</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>Вкласти…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Зберегти як…</translation>
    </message>
    <message>
        <source>Save a copy of the selected file to disk</source>
        <translation>Зберегти копію вибраного файлу на диск</translation>
    </message>
    <message>
        <source>Save all…</source>
        <translation>Зберегти всі…</translation>
    </message>
    <message>
        <source>Save a copy of every file of this source into a folder</source>
        <translation>Зберегти копії всіх файлів цього джерела в теку</translation>
    </message>
    <message>
        <source>Authenticity of the selected file</source>
        <translation>Автентичність вибраного файлу</translation>
    </message>
    <message>
        <source>Authenticity of the selected file:</source>
        <translation>Автентичність вибраного файлу:</translation>
    </message>
    <message>
        <source>{name} is {size}; attachments may be at most {limit}. Attach a smaller copy or a screenshot.</source>
        <translation>{name} має розмір {size}; вкладення може бути не більше {limit}. Вкладіть меншу копію або знімок екрана.</translation>
    </message>
    <message>
        <source>Could not save {name}: {error}</source>
        <translation>Не вдалося зберегти {name}: {error}</translation>
    </message>
    <message>
        <source>Could not save into {folder}: {error}</source>
        <translation>Не вдалося зберегти в {folder}: {error}</translation>
    </message>
    <message>
        <source>Remove attachment</source>
        <translation>Вилучити вкладення</translation>
    </message>
    <message>
        <source>Remove {name} from the project?</source>
        <translation>Вилучити {name} з проєкту?</translation>
    </message>
    <message>
        <source>Unverified</source>
        <translation>Не перевірено</translation>
    </message>
    <message>
        <source>Authentic</source>
        <translation>Автентичне</translation>
    </message>
    <message>
        <source>Manipulated</source>
        <translation>Змінене</translation>
    </message>
    <message>
        <source>AI-generated</source>
        <translation>Згенероване ШІ</translation>
    </message>
    <message>
        <source>The edit was not made.</source>
        <translation>Зміну не внесено.</translation>
    </message>
    <message>
        <source>The project is open read-only: the edit was not made. Save a copy to edit it.</source>
        <translation>Проєкт відкрито лише для читання: зміну не внесено. Збережіть копію, щоб редагувати.</translation>
    </message>
    <message>
        <source>The edit was not made (see the status bar).</source>
        <translation>Зміну не внесено (див. рядок стану).</translation>
    </message>
    <message>
        <source>Supports</source>
        <translation>Підтверджує</translation>
    </message>
    <message>
        <source>Contradicts</source>
        <translation>Спростовує</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Контекст</translation>
    </message>
    <message>
        <source>Remove this link (the quote stays)</source>
        <translation>Вилучити цей зв’язок (цитата залишиться)</translation>
    </message>
    <message>
        <source>⚠ attachment marked {marks}</source>
        <translation>⚠ вкладення позначено: {marks}</translation>
    </message>
    <message>
        <source>Translation: {text}</source>
        <translation>Переклад: {text}</translation>
    </message>
    <message>
        <source>Select a zone or an observation to see its evidence.</source>
        <translation>Виберіть зону або спостереження, щоб побачити докази.</translation>
    </message>
    <message>
        <source>Link as:</source>
        <translation>Пов’язати як:</translation>
    </message>
    <message>
        <source>Link the chosen quote to the selection as {stance}, or drop a quote from the Sources dock here</source>
        <translation>Пов’язати вибрану цитату з виділеним як «{stance}» або перетягніть сюди цитату з панелі «Джерела»</translation>
    </message>
    <message>
        <source>No quotes yet: add one in the Sources dock</source>
        <translation>Цитат ще немає: додайте на панелі «Джерела»</translation>
    </message>
    <message>
        <source>{target} — {n} quotes</source>
        <translation>{target} — цитат: {n}</translation>
    </message>
    <message>
        <source>{target} — {n} quote</source>
        <translation>{target} — цитат: {n}</translation>
    </message>
    <message>
        <source>Select a zone or an observation first.</source>
        <translation>Спершу виберіть зону або спостереження.</translation>
    </message>
    <message>
        <source>Edit quote</source>
        <translation>Редагувати цитату</translation>
    </message>
    <message>
        <source>New quote</source>
        <translation>Нова цитата</translation>
    </message>
    <message>
        <source>The exact words, as published</source>
        <translation>Точні слова, як їх опубліковано</translation>
    </message>
    <message>
        <source>e.g. unnamed commander, 38th Marine Brigade</source>
        <translation>напр. неназваний командир, 38-ма бригада морської піхоти</translation>
    </message>
    <message>
        <source>known</source>
        <translation>відома</translation>
    </message>
    <message>
        <source>Translation into the project&apos;s language, if the words are not in it</source>
        <translation>Переклад мовою проєкту, якщо слова іншою мовою</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Джерело</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>Слова</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Мовець</translation>
    </message>
    <message>
        <source>Said on</source>
        <translation>Дата висловлення</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Мова</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Переклад</translation>
    </message>
    <message>
        <source>Credibility</source>
        <translation>Достовірність</translation>
    </message>
    <message>
        <source>Add a source first: every quote belongs to one.</source>
        <translation>Спершу додайте джерело: кожна цитата належить до якогось джерела.</translation>
    </message>
    <message>
        <source>Type or paste the exact words.</source>
        <translation>Введіть або вставте точні слова.</translation>
    </message>
    <message>
        <source>A quote may be at most {n} characters.</source>
        <translation>Цитата може мати не більше {n} символів.</translation>
    </message>
    <message>
        <source>Said on: {error}</source>
        <translation>Дата висловлення: {error}</translation>
    </message>
    <message>
        <source>Edit source</source>
        <translation>Редагувати джерело</translation>
    </message>
    <message>
        <source>New source</source>
        <translation>Нове джерело</translation>
    </message>
    <message>
        <source>Outlet or author, e.g. The Kyiv Independent</source>
        <translation>Видання або автор, напр. The Kyiv Independent</translation>
    </message>
    <message>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <source>Save the source first to attach files to it.</source>
        <translation>Спершу збережіть джерело, щоб вкладати до нього файли.</translation>
    </message>
    <message>
        <source>Outlet / author</source>
        <translation>Видання / автор</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Опубліковано</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Reliability</source>
        <translation>Надійність</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Вкладення</translation>
    </message>
    <message>
        <source>Another source has the same URL: {outlets}</source>
        <translation>Інше джерело має ту саму URL-адресу: {outlets}</translation>
    </message>
    <message>
        <source>Only http and https addresses can be opened from Frontline.</source>
        <translation>Frontline відкриває лише адреси http і https.</translation>
    </message>
    <message>
        <source>Name the outlet or author.</source>
        <translation>Вкажіть видання або автора.</translation>
    </message>
    <message>
        <source>Published: {error}</source>
        <translation>Опубліковано: {error}</translation>
    </message>
    <message>
        <source>{prefix}: any</source>
        <translation>{prefix}: будь-яка</translation>
    </message>
    <message>
        <source>Published {prefix}: type a date and press Enter; leave empty for any</source>
        <translation>Опубліковано {prefix}: введіть дату й натисніть Enter; порожнє — будь-яка</translation>
    </message>
    <message>
        <source>Search outlet, title, URL, notes</source>
        <translation>Пошук за виданням, назвою, URL, нотатками</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>Будь-який тип</translation>
    </message>
    <message>
        <source>Any reliability</source>
        <translation>Будь-яка надійність</translation>
    </message>
    <message>
        <source>{grade} or better</source>
        <translation>{grade} або краще</translation>
    </message>
    <message>
        <source>A only</source>
        <translation>Лише A</translation>
    </message>
    <message>
        <source>from</source>
        <translation>від</translation>
    </message>
    <message>
        <source>to</source>
        <translation>до</translation>
    </message>
    <message>
        <source>Quotes</source>
        <translation>Цитати</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Додати…</translation>
    </message>
    <message>
        <source>Add a source</source>
        <translation>Додати джерело</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Редагувати…</translation>
    </message>
    <message>
        <source>Edit the selected source and its attachments</source>
        <translation>Редагувати вибране джерело та його вкладення</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Видалити</translation>
    </message>
    <message>
        <source>Delete the selected source, its quotes and their links</source>
        <translation>Видалити вибране джерело, його цитати та їхні зв’язки</translation>
    </message>
    <message>
        <source>Open URL</source>
        <translation>Відкрити URL</translation>
    </message>
    <message>
        <source>Open the source&apos;s web address in the browser</source>
        <translation>Відкрити вебадресу джерела в браузері</translation>
    </message>
    <message>
        <source>New quote…</source>
        <translation>Нова цитата…</translation>
    </message>
    <message>
        <source>Add a quote from the selected source</source>
        <translation>Додати цитату з вибраного джерела</translation>
    </message>
    <message>
        <source>Paste as quote</source>
        <translation>Вставити як цитату</translation>
    </message>
    <message>
        <source>New quote from the clipboard (Ctrl+V)</source>
        <translation>Нова цитата з буфера обміну (Ctrl+V)</translation>
    </message>
    <message>
        <source>Delete quote</source>
        <translation>Видалити цитату</translation>
    </message>
    <message>
        <source>Delete the selected quote and its links</source>
        <translation>Видалити вибрану цитату та її зв’язки</translation>
    </message>
    <message>
        <source>Paste as new quote</source>
        <translation>Вставити як нову цитату</translation>
    </message>
    <message>
        <source>Quotes from {outlet}</source>
        <translation>Цитати з {outlet}</translation>
    </message>
    <message>
        <source>Quotes (select a source)</source>
        <translation>Цитати (виберіть джерело)</translation>
    </message>
    <message>
        <source>{head}  [{n} links]
{text}</source>
        <translation>{head}  [зв’язків: {n}]
{text}</translation>
    </message>
    <message>
        <source>{head}  [{n} link]
{text}</source>
        <translation>{head}  [зв’язків: {n}]
{text}</translation>
    </message>
    <message>
        <source>Delete the source “{outlet}”, its {nq} quote(s), {na} attachment(s) and {nl} link(s) to zones and observations? You can undo this.</source>
        <translation>Видалити джерело «{outlet}», його цитати ({nq}), вкладення ({na}) і зв’язки із зонами та спостереженнями ({nl})? Це можна скасувати.</translation>
    </message>
    <message>
        <source>Delete source</source>
        <translation>Видалити джерело</translation>
    </message>
    <message>
        <source>Delete the quote “{text}” and its {nl} link(s)?</source>
        <translation>Видалити цитату «{text}» і її зв’язки ({nl})?</translation>
    </message>
    <message>
        <source>Only http and https addresses are opened.</source>
        <translation>Відкриваються лише адреси http і https.</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Джерела</translation>
    </message>
    <message>
        <source>Double-click or press Open URL to open it in the browser</source>
        <translation>Двічі клацніть або натисніть «Відкрити URL», щоб відкрити в браузері</translation>
    </message>
    <message>
        <source>SVG drawing</source>
        <translation>Рисунок SVG</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>Документ PDF</translation>
    </message>
    <message>
        <source>Geodata</source>
        <translation>Геодані</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>Усі файли</translation>
    </message>
    <message>
        <source>Frontline project</source>
        <translation>Проєкт Frontline</translation>
    </message>
    <message>
        <source>CSV: sources and quotes</source>
        <translation>CSV: джерела й цитати</translation>
    </message>
    <message>
        <source>MP4 video</source>
        <translation>Відео MP4</translation>
    </message>
    <message>
        <source>GIF animation</source>
        <translation>Анімація GIF</translation>
    </message>
    <message>
        <source>Raster basemaps</source>
        <translation>Растрові базові карти</translation>
    </message>
    <message>
        <source>Georeferenced images with a world file</source>
        <translation>Геоприв’язані зображення з файлом прив’язки</translation>
    </message>
    <message>
        <source>Completely reliable</source>
        <translation>Цілком надійне</translation>
    </message>
    <message>
        <source>Usually reliable</source>
        <translation>Зазвичай надійне</translation>
    </message>
    <message>
        <source>Fairly reliable</source>
        <translation>Досить надійне</translation>
    </message>
    <message>
        <source>Not usually reliable</source>
        <translation>Зазвичай ненадійне</translation>
    </message>
    <message>
        <source>Unreliable</source>
        <translation>Ненадійне</translation>
    </message>
    <message>
        <source>Reliability cannot be judged</source>
        <translation>Надійність неможливо оцінити</translation>
    </message>
    <message>
        <source>Confirmed by other sources</source>
        <translation>Підтверджено іншими джерелами</translation>
    </message>
    <message>
        <source>Probably true</source>
        <translation>Імовірно правдиве</translation>
    </message>
    <message>
        <source>Possibly true</source>
        <translation>Можливо правдиве</translation>
    </message>
    <message>
        <source>Doubtful</source>
        <translation>Сумнівне</translation>
    </message>
    <message>
        <source>Improbable</source>
        <translation>Малоймовірне</translation>
    </message>
    <message>
        <source>Truth cannot be judged</source>
        <translation>Правдивість неможливо оцінити</translation>
    </message>
    <message>
        <source>supports</source>
        <translation>підтверджує</translation>
    </message>
    <message>
        <source>contradicts</source>
        <translation>спростовує</translation>
    </message>
    <message>
        <source>context</source>
        <translation>контекст</translation>
    </message>
    <message>
        <source>day</source>
        <translation>день</translation>
    </message>
    <message>
        <source>week</source>
        <translation>тиждень</translation>
    </message>
    <message>
        <source>month</source>
        <translation>місяць</translation>
    </message>
    <message>
        <source>Geolocated video</source>
        <translation>Геолоковане відео</translation>
    </message>
    <message>
        <source>Flag raised</source>
        <translation>Піднятий прапор</translation>
    </message>
    <message>
        <source>Strike</source>
        <translation>Удар</translation>
    </message>
    <message>
        <source>Unit position</source>
        <translation>Позиція підрозділу</translation>
    </message>
    <message>
        <source>Destroyed</source>
        <translation>Знищено</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Інше</translation>
    </message>
    <message>
        <source>Attack direction</source>
        <translation>Напрямок атаки</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>січ</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>лют</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>бер</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>кві</translation>
    </message>
    <message>
        <source>May</source>
        <translation>тра</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>чер</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>лип</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>сер</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>вер</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>жов</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>лис</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>гру</translation>
    </message>
    <message>
        <source>from {start} (still valid)</source>
        <translation>з {start} (досі чинна)</translation>
    </message>
    <message>
        <source>Confidence and notes correct the version {span} in place; status still changes from {when}.</source>
        <translation>Впевненість і нотатки виправляють версію {span} на місці; статус і далі змінюється з {when}.</translation>
    </message>
    <message>
        <source>Edits change the version from {when}.</source>
        <translation>Зміни вносяться у версію з {when}.</translation>
    </message>
    <message>
        <source>Edits apply from {when} (the version since {start} ends the day before).</source>
        <translation>Зміни діють з {when} (версія з {start} закінчується напередодні).</translation>
    </message>
    <message>
        <source>Zone name</source>
        <translation>Назва зони</translation>
    </message>
    <message>
        <source>Status as of the cursor date (a new version from that date on)</source>
        <translation>Статус на дату курсора (нова версія з цієї дати)</translation>
    </message>
    <message>
        <source>still valid</source>
        <translation>досі чинна</translation>
    </message>
    <message>
        <source>start date approximate</source>
        <translation>дата початку приблизна</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>не записано</translation>
    </message>
    <message>
        <source>When the analyst recorded this version (mapping projects publish days late)</source>
        <translation>Коли аналітик записав цю версію (картографічні проєкти публікують із запізненням на дні)</translation>
    </message>
    <message>
        <source>Notes on this version</source>
        <translation>Нотатки до цієї версії</translation>
    </message>
    <message>
        <source>Correct this version (in place)</source>
        <translation>Виправити цю версію (на місці)</translation>
    </message>
    <message>
        <source>Fix confidence and notes of the whole version instead of changing them from the cursor date on</source>
        <translation>Виправити впевненість і нотатки всієї версії замість змінювати їх з дати курсора</translation>
    </message>
    <message>
        <source>The zone no longer exists from the cursor date on</source>
        <translation>Зона перестає існувати з дати курсора</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Чинна</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Записано</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Впевненість</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Площа</translation>
    </message>
    <message>
        <source>From</source>
        <translation>З</translation>
    </message>
    <message>
        <source>To</source>
        <translation>По</translation>
    </message>
    <message>
        <source>Click a version to move the timeline cursor to its start</source>
        <translation>Клацніть версію, щоб перемістити курсор хронології на її початок</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Версії</translation>
    </message>
    <message>
        <source>Observation · link quotes to it in the Evidence panel</source>
        <translation>Спостереження · пов’язуйте з ним цитати на панелі «Докази»</translation>
    </message>
    <message>
        <source>No zone selected</source>
        <translation>Зону не вибрано</translation>
    </message>
    <message>
        <source>Click a zone on the map with the Select tool to inspect it.</source>
        <translation>Клацніть зону на карті інструментом «Вибір», щоб переглянути її.</translation>
    </message>
    <message>
        <source> · {n} more selected</source>
        <translation> · вибрано ще {n}</translation>
    </message>
    <message>
        <source>{assessment} · as of {when}</source>
        <translation>{assessment} · станом на {when}</translation>
    </message>
    <message>
        <source> · no shape on {when}</source>
        <translation> · немає форми на {when}</translation>
    </message>
    <message>
        <source>{area} km²</source>
        <translation>{area} км²</translation>
    </message>
    <message>
        <source>End zone on {when}</source>
        <translation>Завершити зону {when}</translation>
    </message>
    <message>
        <source>Set {zone} to {status} as of {when}</source>
        <translation>{zone}: статус «{status}» станом на {when}</translation>
    </message>
    <message>
        <source>Set {fields} of {zone} as of {when}</source>
        <translation>{zone}: змінено {fields} станом на {when}</translation>
    </message>
    <message>
        <source>What it shows, e.g. Flag video on Shybankova Square</source>
        <translation>Що показує, напр. відео з прапором на площі Шибанкова</translation>
    </message>
    <message>
        <source>HH:MM (optional)</source>
        <translation>ГГ:ХХ (необов’язково)</translation>
    </message>
    <message>
        <source>Notes: what it shows, how it was geolocated</source>
        <translation>Нотатки: що показує, як геолоковано</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Час</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Форма</translation>
    </message>
    <message>
        <source>{n} lines</source>
        <translation>ліній: {n}</translation>
    </message>
    <message>
        <source>one line</source>
        <translation>одна лінія</translation>
    </message>
    <message>
        <source>{n} points</source>
        <translation>точок: {n}</translation>
    </message>
    <message>
        <source>one point</source>
        <translation>одна точка</translation>
    </message>
    <message>
        <source>Time must be HH:MM (24-hour), not {text}</source>
        <translation>Час має бути у форматі ГГ:ХХ (24-годинний), а не {text}</translation>
    </message>
    <message>
        <source>Edit observation {name}</source>
        <translation>Редагування спостереження {name}</translation>
    </message>
    <message>
        <source>Land and sea</source>
        <translation>Суходіл і море</translation>
    </message>
    <message>
        <source>Rivers and lakes</source>
        <translation>Річки й озера</translation>
    </message>
    <message>
        <source>Borders</source>
        <translation>Кордони</translation>
    </message>
    <message>
        <source>Towns</source>
        <translation>Населені пункти</translation>
    </message>
    <message>
        <source>Streets</source>
        <translation>Вулиці</translation>
    </message>
    <message>
        <source>Railways</source>
        <translation>Залізниці</translation>
    </message>
    <message>
        <source>Place names</source>
        <translation>Назви місць</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Оцінка</translation>
    </message>
    <message>
        <source>Add an assessment (a named layer of zones)</source>
        <translation>Додати оцінку (іменований шар зон)</translation>
    </message>
    <message>
        <source>Legend…</source>
        <translation>Легенда…</translation>
    </message>
    <message>
        <source>Edit statuses: label, tier, colour, hatch</source>
        <translation>Редагувати статуси: підпис, рівень, колір, штрихування</translation>
    </message>
    <message>
        <source>Raster…</source>
        <translation>Растр…</translation>
    </message>
    <message>
        <source>Add a raster basemap: an MBTiles file, or a PNG/JPEG with a world file</source>
        <translation>Додати растрову базову карту: файл MBTiles або PNG/JPEG з файлом прив’язки</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>Оцінки</translation>
    </message>
    <message>
        <source>{name} — being edited{whose}
(right-click: Properties…)</source>
        <translation>{name} — редагується{whose}
(правий клік: Властивості…)</translation>
    </message>
    <message>
        <source>{name} — double-click to edit this assessment{whose}
(right-click: Properties…)</source>
        <translation>{name} — двічі клацніть, щоб редагувати цю оцінку{whose}
(правий клік: Властивості…)</translation>
    </message>
    <message>
        <source>Statuses</source>
        <translation>Статуси</translation>
    </message>
    <message>
        <source>{label} ({key}, {tier}) — double-click to edit the legend</source>
        <translation>{label} ({key}, {tier}) — двічі клацніть, щоб редагувати легенду</translation>
    </message>
    <message>
        <source>Observations and evidence</source>
        <translation>Спостереження й докази</translation>
    </message>
    <message>
        <source>Observations (points, lines)</source>
        <translation>Спостереження (точки, лінії)</translation>
    </message>
    <message>
        <source>Keep visible for</source>
        <translation>Показувати протягом</translation>
    </message>
    <message>
        <source>Observations stay on the map, fading, this many steps after their date</source>
        <translation>Спостереження залишаються на карті, згасаючи, стільки кроків після своєї дати</translation>
    </message>
    <message>
        <source>Evidence marks on zones</source>
        <translation>Позначки доказів на зонах</translation>
    </message>
    <message>
        <source>Mark zones whose evidence contradicts them (red !) and zones with no evidence at all (grey ?)</source>
        <translation>Позначати зони, докази яких їм суперечать (червоний !), і зони зовсім без доказів (сірий ?)</translation>
    </message>
    <message>
        <source>Basemap</source>
        <translation>Базова карта</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> кроків</translation>
    </message>
    <message>
        <source>this step</source>
        <translation>цей крок</translation>
    </message>
    <message>
        <source>Keep observations visible, fading, for this many steps after their date</source>
        <translation>Показувати спостереження, згасаючи, стільки кроків після їхньої дати</translation>
    </message>
    <message>
        <source>Opacity of {layer}</source>
        <translation>Непрозорість: {layer}</translation>
    </message>
    <message>
        <source>Properties…</source>
        <translation>Властивості…</translation>
    </message>
    <message>
        <source>First step (Home)</source>
        <translation>Перший крок (Home)</translation>
    </message>
    <message>
        <source>Previous step (Left)</source>
        <translation>Попередній крок (←)</translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation>Відтворити або призупинити (пробіл)</translation>
    </message>
    <message>
        <source>Next step (Right)</source>
        <translation>Наступний крок (→)</translation>
    </message>
    <message>
        <source>Last step (End)</source>
        <translation>Останній крок (End)</translation>
    </message>
    <message>
        <source>Leave presentation mode (Esc)</source>
        <translation>Вийти з режиму презентації (Esc)</translation>
    </message>
    <message>
        <source>{date}  ·  step: {step}</source>
        <translation>{date}  ·  крок: {step}</translation>
    </message>
    <message>
        <source>{title} — presentation</source>
        <translation>{title} — презентація</translation>
    </message>
    <message>
        <source>Leave presentation</source>
        <translation>Вийти з презентації</translation>
    </message>
    <message>
        <source>Add raster layer</source>
        <translation>Додати растровий шар</translation>
    </message>
    <message>
        <source>Rename raster layer</source>
        <translation>Перейменувати растровий шар</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Назва:</translation>
    </message>
    <message>
        <source>Not a raster basemap: {path} (use .mbtiles, or .png/.jpg with a world file)</source>
        <translation>Це не растрова базова карта: {path} (використовуйте .mbtiles або .png/.jpg з файлом прив’язки)</translation>
    </message>
    <message>
        <source>Cannot add the raster layer: {problem}</source>
        <translation>Не вдалося додати растровий шар: {problem}</translation>
    </message>
    <message>
        <source>from its .prj</source>
        <translation>з його .prj</translation>
    </message>
    <message>
        <source>from its .aux.xml</source>
        <translation>з його .aux.xml</translation>
    </message>
    <message>
        <source>guessed from the size of its coordinates</source>
        <translation>вгадано за величиною координат</translation>
    </message>
    <message>
        <source>Added {name}: world file read as {crs} ({how})</source>
        <translation>Додано {name}: файл прив’язки прочитано як {crs} ({how})</translation>
    </message>
    <message>
        <source>Image with world file</source>
        <translation>Зображення з файлом прив’язки</translation>
    </message>
    <message>
        <source>{name} — cannot be shown: {problem}
{path}
Right-click ▸ Locate file… if it was moved</source>
        <translation>{name} — неможливо показати: {problem}
{path}
Правий клік ▸ Знайти файл…, якщо його переміщено</translation>
    </message>
    <message>
        <source>{name} ({kind})
{path}
Right-click to rename, move or remove</source>
        <translation>{name} ({kind})
{path}
Правий клік — перейменувати, перемістити або вилучити</translation>
    </message>
    <message>
        <source>Remove {name} from the project (the file stays)</source>
        <translation>Вилучити {name} з проєкту (файл залишиться)</translation>
    </message>
    <message>
        <source>Locate the file of {name}</source>
        <translation>Знайти файл шару {name}</translation>
    </message>
    <message>
        <source>Cannot use {file} for {name}: {problem}</source>
        <translation>Неможливо використати {file} для {name}: {problem}</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Перейменувати…</translation>
    </message>
    <message>
        <source>Locate file…</source>
        <translation>Знайти файл…</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Перемістити вгору</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Перемістити вниз</translation>
    </message>
    <message>
        <source>Read against the km² axis at the right: too small to see beside the largest series</source>
        <translation>Читайте за віссю км² праворуч: надто мала поруч із найбільшим рядом</translation>
    </message>
    <message>
        <source>No dated zones yet: draw a zone or import a front line to chart its area over time.</source>
        <translation>Датованих зон ще немає: намалюйте зону або імпортуйте лінію фронту, щоб побачити графік її площі в часі.</translation>
    </message>
    <message>
        <source>No zone has any area in these dates.</source>
        <translation>Жодна зона не має площі в ці дати.</translation>
    </message>
    <message>
        <source>net km²</source>
        <translation>сальдо км²</translation>
    </message>
    <message>
        <source>Drag to move through time</source>
        <translation>Перетягуйте, щоб рухатися в часі</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Тиждень</translation>
    </message>
    <message>
        <source>First step</source>
        <translation>Перший крок</translation>
    </message>
    <message>
        <source>Go to the first step</source>
        <translation>Перейти до першого кроку</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>Крок назад</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>Попередній крок</translation>
    </message>
    <message>
        <source>Step forward</source>
        <translation>Крок уперед</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Наступний крок</translation>
    </message>
    <message>
        <source>Last step</source>
        <translation>Останній крок</translation>
    </message>
    <message>
        <source>Go to the last step</source>
        <translation>Перейти до останнього кроку</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Відтворити</translation>
    </message>
    <message>
        <source>Play or pause the replay</source>
        <translation>Відтворити або призупинити</translation>
    </message>
    <message>
        <source>Previous change</source>
        <translation>Попередня зміна</translation>
    </message>
    <message>
        <source>Jump to the previous date where something changes</source>
        <translation>Перейти до попередньої дати, коли щось змінюється</translation>
    </message>
    <message>
        <source>Next change</source>
        <translation>Наступна зміна</translation>
    </message>
    <message>
        <source>Jump to the next date where something changes</source>
        <translation>Перейти до наступної дати, коли щось змінюється</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>Повтор</translation>
    </message>
    <message>
        <source>Loop the replay</source>
        <translation>Повторювати відтворення</translation>
    </message>
    <message>
        <source>The date on the map: type a date (2025-12-01 or 01.12.2025) and press Enter, or pick one from the calendar</source>
        <translation>Дата на карті: введіть дату (2025-12-01 або 01.12.2025) і натисніть Enter або виберіть у календарі</translation>
    </message>
    <message>
        <source>{fps} fps</source>
        <translation>{fps} кадр/с</translation>
    </message>
    <message>
        <source>Replay speed, steps per second</source>
        <translation>Швидкість відтворення, кроків за секунду</translation>
    </message>
    <message>
        <source>Step of the arrows and of the replay (weeks start on Monday)</source>
        <translation>Крок стрілок і відтворення (тижні починаються з понеділка)</translation>
    </message>
    <message>
        <source>Replay range</source>
        <translation>Діапазон відтворення</translation>
    </message>
    <message>
        <source>Whole project</source>
        <translation>Увесь проєкт</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Застосувати</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Зона</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Зміна</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(немає)</translation>
    </message>
    <message>
        <source>{status}, border moved</source>
        <translation>{status}, межу зсунуто</translation>
    </message>
    <message>
        <source>Changes after {a} up to {b}: {n}</source>
        <translation>Зміни після {a} до {b}: {n}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>немає</translation>
    </message>
    <message>
        <source>{name}, changed on {date}</source>
        <translation>{name}, змінено {date}</translation>
    </message>
    <message>
        <source>+{gained} km² gained, −{lost} km² lost (geodesic)</source>
        <translation>+{gained} км² здобуто, −{lost} км² втрачено (геодезично)</translation>
    </message>
    <message>
        <source>Dates where something changes: click a mark to jump to it, click or drag elsewhere to scrub</source>
        <translation>Дати, коли щось змінюється: клацніть позначку, щоб перейти до неї; клацніть або перетягніть деінде, щоб прокручувати</translation>
    </message>
    <message>
        <source>{text}: Frontline takes dates from {first} to {last}</source>
        <translation>{text}: Frontline приймає дати з {first} по {last} рік</translation>
    </message>
    <message>
        <source>Pick the date from a calendar (Alt+Down)</source>
        <translation>Вибрати дату в календарі (Alt+↓)</translation>
    </message>
    <message>
        <source>Date not taken: {reason}</source>
        <translation>Дату не прийнято: {reason}</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Вибір</translation>
    </message>
    <message>
        <source>Select zones: click, Shift-click to add, drag a rubber band</source>
        <translation>Вибір зон: клацання, Shift-клацання додає, перетягування — рамкою</translation>
    </message>
    <message>
        <source>Draw polygon</source>
        <translation>Полігон</translation>
    </message>
    <message>
        <source>Draw a zone: click vertices; double-click or Enter finishes, Backspace removes the last vertex, Esc cancels</source>
        <translation>Малювання зони: клацайте вершини; подвійне клацання або Enter завершує, Backspace вилучає останню вершину, Esc скасовує</translation>
    </message>
    <message>
        <source>Draw line</source>
        <translation>Лінія</translation>
    </message>
    <message>
        <source>Draw a line observation (an attack direction, a route)</source>
        <translation>Намалювати лінійне спостереження (напрямок атаки, маршрут)</translation>
    </message>
    <message>
        <source>Place point</source>
        <translation>Точка</translation>
    </message>
    <message>
        <source>Place a point observation</source>
        <translation>Поставити точкове спостереження</translation>
    </message>
    <message>
        <source>Edit vertices</source>
        <translation>Вершини</translation>
    </message>
    <message>
        <source>Move a vertex, click an edge to insert one, Delete removes the one under the pointer</source>
        <translation>Перемістіть вершину, клацніть ребро, щоб додати вершину; Delete вилучає вершину під вказівником</translation>
    </message>
    <message>
        <source>Move zone</source>
        <translation>Перемістити зону</translation>
    </message>
    <message>
        <source>Drag a whole zone</source>
        <translation>Перетягнути зону цілком</translation>
    </message>
    <message>
        <source>Split zone</source>
        <translation>Розділити зону</translation>
    </message>
    <message>
        <source>Draw a line across a zone to split it</source>
        <translation>Проведіть лінію через зону, щоб розділити її</translation>
    </message>
    <message>
        <source>Reshape border</source>
        <translation>Змінити межу</translation>
    </message>
    <message>
        <source>Draw a new border from one edge point to another; the zone takes the new line</source>
        <translation>Проведіть нову межу від однієї точки краю до іншої; зона прийме нову лінію</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Вимірювання</translation>
    </message>
    <message>
        <source>Measure geodesic distance and area</source>
        <translation>Виміряти геодезичну відстань і площу</translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation>&amp;Новий проєкт…</translation>
    </message>
    <message>
        <source>Create a new project file</source>
        <translation>Створити новий файл проєкту</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>&amp;Відкрити проєкт…</translation>
    </message>
    <message>
        <source>Open a project file</source>
        <translation>Відкрити файл проєкту</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Зберегти &amp;як…</translation>
    </message>
    <message>
        <source>Write a copy of the project to a new file (edits are already saved as you make them)</source>
        <translation>Записати копію проєкту в новий файл (зміни й так зберігаються одразу)</translation>
    </message>
    <message>
        <source>Project &amp;Properties…</source>
        <translation>&amp;Властивості проєкту…</translation>
    </message>
    <message>
        <source>Title, subtitle, organisation and licence printed on every map and export</source>
        <translation>Заголовок, підзаголовок, організація й ліцензія, що друкуються на кожній карті та в експорті</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Імпорт…</translation>
    </message>
    <message>
        <source>Import GeoJSON, KML/KMZ, GeoPackage, Shapefile or CSV into an assessment</source>
        <translation>Імпортувати GeoJSON, KML/KMZ, GeoPackage, Shapefile або CSV до оцінки</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Експорт…</translation>
    </message>
    <message>
        <source>Export zones as GeoJSON, KML, GeoPackage or CSV</source>
        <translation>Експортувати зони як GeoJSON, KML, GeoPackage або CSV</translation>
    </message>
    <message>
        <source>Add &amp;raster layer…</source>
        <translation>Додати &amp;растровий шар…</translation>
    </message>
    <message>
        <source>Add an MBTiles file or a georeferenced image (world file) as a basemap layer</source>
        <translation>Додати файл MBTiles або геоприв’язане зображення (з файлом прив’язки) як шар базової карти</translation>
    </message>
    <message>
        <source>Export &amp;Map Image…</source>
        <translation>Експорт зображення &amp;карти…</translation>
    </message>
    <message>
        <source>Save the map as on screen, on the timeline date, as PNG, SVG or PDF</source>
        <translation>Зберегти карту як на екрані, на дату хронології, у PNG, SVG або PDF</translation>
    </message>
    <message>
        <source>Export Replay &amp;Video…</source>
        <translation>Експорт &amp;відео відтворення…</translation>
    </message>
    <message>
        <source>Write one frame per step, as in presentation mode, to MP4, GIF or PNG frames</source>
        <translation>Записати по кадру на крок, як у режимі презентації, у MP4, GIF або кадри PNG</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Вийти</translation>
    </message>
    <message>
        <source>Close Frontline</source>
        <translation>Закрити Frontline</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Скасувати</translation>
    </message>
    <message>
        <source>Undo the last edit</source>
        <translation>Скасувати останню зміну</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Повторити</translation>
    </message>
    <message>
        <source>Redo the edit last undone</source>
        <translation>Повторити останню скасовану зміну</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Видалити</translation>
    </message>
    <message>
        <source>Delete the selected zones</source>
        <translation>Видалити вибрані зони</translation>
    </message>
    <message>
        <source>Add &amp;Assessment…</source>
        <translation>Додати &amp;оцінку…</translation>
    </message>
    <message>
        <source>Add an assessment: a named layer of zones (yours, or another project&apos;s)</source>
        <translation>Додати оцінку: іменований шар зон (ваш або іншого проєкту)</translation>
    </message>
    <message>
        <source>&amp;Legend…</source>
        <translation>&amp;Легенда…</translation>
    </message>
    <message>
        <source>Edit the statuses: key, label, tier, colour, hatch</source>
        <translation>Редагувати статуси: ключ, підпис, рівень, колір, штрихування</translation>
    </message>
    <message>
        <source>Zoom to &amp;Area of Interest</source>
        <translation>Наблизити до &amp;району інтересу</translation>
    </message>
    <message>
        <source>Show the project&apos;s area of interest</source>
        <translation>Показати район інтересу проєкту</translation>
    </message>
    <message>
        <source>Set Area of Interest from View</source>
        <translation>Задати район інтересу за видом</translation>
    </message>
    <message>
        <source>Make the current view the project&apos;s area of interest</source>
        <translation>Зробити поточний вигляд районом інтересу проєкту</translation>
    </message>
    <message>
        <source>Zoom to &amp;Layer</source>
        <translation>Наблизити до &amp;шару</translation>
    </message>
    <message>
        <source>Show every zone of the assessment being edited</source>
        <translation>Показати всі зони оцінки, що редагується</translation>
    </message>
    <message>
        <source>Zoom to &amp;Selection</source>
        <translation>Наблизити до в&amp;ибраного</translation>
    </message>
    <message>
        <source>Show the selected zones</source>
        <translation>Показати вибрані зони</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>Скинути &amp;розкладку</translation>
    </message>
    <message>
        <source>Put the panels back where they start, at their first sizes</source>
        <translation>Повернути панелі на початкові місця й розміри</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>Режим &amp;презентації</translation>
    </message>
    <message>
        <source>Full screen replay without editing chrome</source>
        <translation>Повноекранне відтворення без елементів редагування</translation>
    </message>
    <message>
        <source>Show &amp;Gains and Losses</source>
        <translation>Показати &amp;здобутки й втрати</translation>
    </message>
    <message>
        <source>Highlight what each status gained and lost since the previous step</source>
        <translation>Підсвітити, що кожен статус здобув і втратив від попереднього кроку</translation>
    </message>
    <message>
        <source>&amp;Find Place…</source>
        <translation>&amp;Знайти місце…</translation>
    </message>
    <message>
        <source>Find a town, village or hromada by name (Latin or Cyrillic)</source>
        <translation>Знайти місто, село чи громаду за назвою (латиницею або кирилицею)</translation>
    </message>
    <message>
        <source>&amp;Go to Coordinates…</source>
        <translation>Перейти до &amp;координат…</translation>
    </message>
    <message>
        <source>Centre the map on typed coordinates: decimal, DMS or MGRS</source>
        <translation>Центрувати карту на введених координатах: десяткових, DMS або MGRS</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>&amp;Посібник користувача</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Клавіатурні скорочення</translation>
    </message>
    <message>
        <source>&amp;About Frontline</source>
        <translation>&amp;Про Frontline</translation>
    </message>
    <message>
        <source>Open &amp;Sample Project</source>
        <translation>Відкрити &amp;зразковий проєкт</translation>
    </message>
    <message>
        <source>Open a fresh copy of the Pokrovsk–Myrnohrad sample (the bundled file is never changed)</source>
        <translation>Відкрити свіжу копію зразка Покровськ–Мирноград (вбудований файл ніколи не змінюється)</translation>
    </message>
    <message>
        <source>The interface&apos;s language (applies when Frontline starts again)</source>
        <translation>Мова інтерфейсу (діє після перезапуску Frontline)</translation>
    </message>
    <message>
        <source>Merge Zones</source>
        <translation>Об’єднати зони</translation>
    </message>
    <message>
        <source>Merge the selected zones into the first, as of the timeline date (G)</source>
        <translation>Об’єднати вибрані зони в першу станом на дату хронології (G)</translation>
    </message>
    <message>
        <source>Clip neighbours</source>
        <translation>Обрізати сусідів</translation>
    </message>
    <message>
        <source>Assessed zones never overlap. On: a new or reshaped zone clips its neighbours. Off: it is clipped by them (C)</source>
        <translation>Оцінені зони ніколи не перекриваються. Увімкнено: нова чи змінена зона обрізає сусідів. Вимкнено: сусіди обрізають її (C)</translation>
    </message>
    <message>
        <source>Snapping</source>
        <translation>Прилипання</translation>
    </message>
    <message>
        <source>Snap to the vertices and edges of other zones so borders are shared (N)</source>
        <translation>Прилипати до вершин і ребер інших зон, щоб межі були спільними (N)</translation>
    </message>
    <message>
        <source>Tracing</source>
        <translation>Трасування</translation>
    </message>
    <message>
        <source>Between two clicks on a railway, street, river, outline, border or zone edge, follow that line (T)</source>
        <translation>Між двома клацаннями на залізниці, вулиці, річці, контурі, кордоні чи краю зони йти вздовж цієї лінії (T)</translation>
    </message>
    <message>
        <source>Read-only project: the edit was not made. Save a copy (File ▸ Save As) to edit it.</source>
        <translation>Проєкт лише для читання: зміну не внесено. Збережіть копію (Файл ▸ Зберегти як), щоб редагувати.</translation>
    </message>
    <message>
        <source>Could not write to the project file: {error}</source>
        <translation>Не вдалося записати у файл проєкту: {error}</translation>
    </message>
    <message>
        <source>Undid {label}</source>
        <translation>Скасовано: {label}</translation>
    </message>
    <message>
        <source>Redid {label}</source>
        <translation>Повторено: {label}</translation>
    </message>
    <message>
        <source>&amp;Undo {label}</source>
        <translation>&amp;Скасувати: {label}</translation>
    </message>
    <message>
        <source>&amp;Redo {label}</source>
        <translation>&amp;Повторити: {label}</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Не збережено</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Лише читання</translation>
    </message>
    <message>
        <source>Your database role may only read this team project: edits are refused</source>
        <translation>Ваша роль у базі даних дозволяє лише читати цей командний проєкт: зміни не приймаються</translation>
    </message>
    <message>
        <source>The file is open read-only: edits are refused</source>
        <translation>Файл відкрито лише для читання: зміни не приймаються</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Збережено</translation>
    </message>
    <message>
        <source>Every edit is written to the team server as you make it</source>
        <translation>Кожна зміна записується на командний сервер, щойно ви її робите</translation>
    </message>
    <message>
        <source>Every edit is written to the file as you make it</source>
        <translation>Кожна зміна одразу записується у файл</translation>
    </message>
    <message>
        <source>In memory</source>
        <translation>У пам’яті</translation>
    </message>
    <message>
        <source>This project is not backed by a file</source>
        <translation>Цей проєкт не має файлу</translation>
    </message>
    <message>
        <source>Clips neighbours</source>
        <translation>Обрізає сусідів</translation>
    </message>
    <message>
        <source>Clipped by neighbours</source>
        <translation>Обрізається сусідами</translation>
    </message>
    <message>
        <source>The status a new zone gets</source>
        <translation>Статус, який отримує нова зона</translation>
    </message>
    <message>
        <source>The assessment being edited: new zones go into it</source>
        <translation>Оцінка, що редагується: нові зони потрапляють до неї</translation>
    </message>
    <message>
        <source>Point:</source>
        <translation>Точка:</translation>
    </message>
    <message>
        <source>What a new point observation shows; its symbol on the map</source>
        <translation>Що показує нове точкове спостереження; його символ на карті</translation>
    </message>
    <message>
        <source>New zone:</source>
        <translation>Нова зона:</translation>
    </message>
    <message>
        <source>Editing:</source>
        <translation>Редагування:</translation>
    </message>
    <message>
        <source>(no assessment yet)</source>
        <translation>(оцінок ще немає)</translation>
    </message>
    <message>
        <source>Opened project</source>
        <translation>Проєкт відкрито</translation>
    </message>
    <message>
        <source>{n} earlier steps (no longer undoable)</source>
        <translation>Ранніші кроки: {n} (їх уже не скасувати)</translation>
    </message>
    <message>
        <source>Their edits are saved in the project; the undo history keeps only the latest steps (Edit ▸ Undo History Length)</source>
        <translation>Їхні зміни збережено в проєкті; історія скасувань зберігає лише останні кроки (Правка ▸ Довжина історії скасувань)</translation>
    </message>
    <message>
        <source>
recorded on {days}</source>
        <translation>
записано {days}</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Історія</translation>
    </message>
    <message>
        <source>Click an entry to undo back to it</source>
        <translation>Клацніть запис, щоб скасувати зміни до нього</translation>
    </message>
    <message>
        <source>{label}  (undone)</source>
        <translation>{label}  (скасовано)</translation>
    </message>
    <message>
        <source>Click to redo up to here</source>
        <translation>Клацніть, щоб повторити до цього місця</translation>
    </message>
    <message>
        <source>Edits by other analysts, newest last</source>
        <translation>Зміни інших аналітиків, найновіші внизу</translation>
    </message>
    <message>
        <source>Other analysts&apos; edits</source>
        <translation>Зміни інших аналітиків</translation>
    </message>
    <message>
        <source>Zone {n}</source>
        <translation>Зона {n}</translation>
    </message>
    <message>
        <source>Layers &amp;&amp; legend</source>
        <translation>Шари та легенда</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Інспектор</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Докази</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Хронологія</translation>
    </message>
    <message>
        <source>Changes this step</source>
        <translation>Зміни за крок</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Порівняння</translation>
    </message>
    <message>
        <source>Undo History &amp;Length…</source>
        <translation>&amp;Довжина історії скасувань…</translation>
    </message>
    <message>
        <source>How many edits Undo can take back</source>
        <translation>Скільки змін можна скасувати</translation>
    </message>
    <message>
        <source>This project is open read-only: you can view and export, not edit.</source>
        <translation>Цей проєкт відкрито лише для читання: можна переглядати й експортувати, але не редагувати.</translation>
    </message>
    <message>
        <source> (and {n} more like it)</source>
        <translation> (і ще {n} подібних)</translation>
    </message>
    <message>
        <source>not saved</source>
        <translation>не збережено</translation>
    </message>
    <message>
        <source> [read-only]</source>
        <translation> [лише читання]</translation>
    </message>
    <message>
        <source>Nothing selected to delete</source>
        <translation>Нічого не вибрано для видалення</translation>
    </message>
    <message>
        <source>Select two or more zones to merge</source>
        <translation>Виберіть дві або більше зон для об’єднання</translation>
    </message>
    <message>
        <source>Cancelled: nothing drawn</source>
        <translation>Скасовано: нічого не намальовано</translation>
    </message>
    <message>
        <source>Edit legend</source>
        <translation>Редагування легенди</translation>
    </message>
    <message>
        <source>The {name} tool is not available yet</source>
        <translation>Інструмент «{name}» поки недоступний</translation>
    </message>
    <message>
        <source>Layout reset: panels back where they start</source>
        <translation>Розкладку скинуто: панелі на початкових місцях</translation>
    </message>
    <message>
        <source>The interface is already in this language</source>
        <translation>Інтерфейс уже цією мовою</translation>
    </message>
    <message>
        <source>Language saved: it applies when Frontline starts again</source>
        <translation>Мову збережено: вона діятиме після перезапуску Frontline</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Недавні</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вигляд</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Панелі</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Мова</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Інструменти</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Довідка</translation>
    </message>
    <message>
        <source>File and history</source>
        <translation>Файл та історія</translation>
    </message>
    <message>
        <source>Drawing and editing</source>
        <translation>Малювання й редагування</translation>
    </message>
    <message>
        <source>Cursor position: latitude, longitude (decimal degrees)</source>
        <translation>Положення курсора: широта, довгота (десяткові градуси)</translation>
    </message>
    <message>
        <source>Cursor position in degrees, minutes, seconds</source>
        <translation>Положення курсора в градусах, хвилинах, секундах</translation>
    </message>
    <message>
        <source>Cursor position in MGRS (1 m)</source>
        <translation>Положення курсора в MGRS (1 м)</translation>
    </message>
    <message>
        <source>Map scale</source>
        <translation>Масштаб карти</translation>
    </message>
    <message>
        <source>Project file</source>
        <translation>Файл проєкту</translation>
    </message>
    <message>
        <source>Edits are written to the file as you make them</source>
        <translation>Зміни записуються у файл одразу</translation>
    </message>
    <message>
        <source>(not saved to a file)</source>
        <translation>(не збережено у файл)</translation>
    </message>
    <message>
        <source>This project lives in memory only</source>
        <translation>Цей проєкт існує лише в пам’яті</translation>
    </message>
    <message>
        <source>Edit Conflict</source>
        <translation>Конфлікт змін</translation>
    </message>
    <message>
        <source>Your edit “{label}” was not saved: someone changed the same rows since you loaded them.</source>
        <translation>Вашу зміну «{label}» не збережено: хтось змінив ті самі рядки після того, як ви їх завантажили.</translation>
    </message>
    <message>
        <source>The map now shows their edit.</source>
        <translation>Тепер мапа показує їхню зміну.</translation>
    </message>
    <message>
        <source>Drop Mine</source>
        <translation>Відкинути мою</translation>
    </message>
    <message>
        <source>Reapply Mine on Top</source>
        <translation>Застосувати мою поверх</translation>
    </message>
    <message>
        <source>Your edit was refused again: {error}</source>
        <translation>Вашу зміну знову відхилено: {error}</translation>
    </message>
    <message>
        <source>Dropped your edit “{label}”; the map shows the team project as it is</source>
        <translation>Вашу зміну «{label}» відкинуто; мапа показує командний проєкт як він є</translation>
    </message>
    <message>
        <source>Nothing to reapply: the team project already has your edit</source>
        <translation>Нічого застосовувати: командний проєкт уже має вашу зміну</translation>
    </message>
    <message>
        <source>Not reapplied: {reason}</source>
        <translation>Не застосовано повторно: {reason}</translation>
    </message>
    <message>
        <source>Reapplied your edit “{label}” on top of the others&apos;</source>
        <translation>Вашу зміну «{label}» застосовано поверх змін інших</translation>
    </message>
    <message>
        <source>Open &amp;Team Project…</source>
        <translation>Відкрити &amp;командний проєкт…</translation>
    </message>
    <message>
        <source>Take &amp;Offline…</source>
        <translation>Взяти &amp;офлайн…</translation>
    </message>
    <message>
        <source>&amp;Push Offline Edits…</source>
        <translation>&amp;Надіслати офлайн-зміни…</translation>
    </message>
    <message>
        <source>Open a project kept in PostgreSQL/PostGIS, shared with your team</source>
        <translation>Відкрити проєкт, що зберігається в PostgreSQL/PostGIS і спільний для вашої команди</translation>
    </message>
    <message>
        <source>Save a copy of the team project to work in without the server</source>
        <translation>Зберегти копію командного проєкту, щоб працювати без сервера</translation>
    </message>
    <message>
        <source>Send the edits made in an offline copy to the team project (or make a team project of this file)</source>
        <translation>Надіслати зміни, зроблені в офлайн-копії, до командного проєкту (або зробити з цього файлу командний проєкт)</translation>
    </message>
    <message>
        <source>Open Team Project</source>
        <translation>Відкрити командний проєкт</translation>
    </message>
    <message>
        <source>(the database role)</source>
        <translation>(роль у базі даних)</translation>
    </message>
    <message>
        <source>List Projects</source>
        <translation>Показати проєкти</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>URL-адреса сервера:</translation>
    </message>
    <message>
        <source>Your name for attribution:</source>
        <translation>Ваше ім’я для авторства:</translation>
    </message>
    <message>
        <source>{n} project(s) in this database</source>
        <translation>Проєктів у цій базі даних: {n}</translation>
    </message>
    <message>
        <source>No team project in this database yet (File ▸ Push Offline Edits… makes one of a project file)</source>
        <translation>У цій базі даних ще немає командного проєкту (Файл ▸ Надіслати офлайн-зміни… створює його з файлу проєкту)</translation>
    </message>
    <message>
        <source>Push Offline Edits</source>
        <translation>Надіслати офлайн-зміни</translation>
    </message>
    <message>
        <source>This file was not pulled from a team project. Make a team project of it at (postgresql://host/database?project=name):</source>
        <translation>Цей файл не отримано з командного проєкту. Зробити з нього командний проєкт за адресою (postgresql://host/database?project=name):</translation>
    </message>
    <message>
        <source>Keep for Later</source>
        <translation>Залишити на потім</translation>
    </message>
    <message>
        <source>Opened team project {name}</source>
        <translation>Відкрито командний проєкт {name}</translation>
    </message>
    <message>
        <source>Take Offline works on a team project (File ▸ Open Team Project…)</source>
        <translation>«Взяти офлайн» працює з командним проєктом (Файл ▸ Відкрити командний проєкт…)</translation>
    </message>
    <message>
        <source>Take offline as</source>
        <translation>Взяти офлайн як</translation>
    </message>
    <message>
        <source>Taking the team project offline…</source>
        <translation>Командний проєкт береться офлайн…</translation>
    </message>
    <message>
        <source>Take Offline</source>
        <translation>Взяти офлайн</translation>
    </message>
    <message>
        <source>Offline copy saved and opened: your edits are kept for File ▸ Push Offline Edits…</source>
        <translation>Офлайн-копію збережено й відкрито: ваші зміни чекатимуть на Файл ▸ Надіслати офлайн-зміни…</translation>
    </message>
    <message>
        <source>Push Offline Edits works on a project file (an offline copy, or one to share)</source>
        <translation>«Надіслати офлайн-зміни» працює з файлом проєкту (офлайн-копією або тим, яким треба поділитися)</translation>
    </message>
    <message>
        <source>The copy is open read-only: its offline edits cannot be marked as pushed</source>
        <translation>Копію відкрито лише для читання: її офлайн-зміни не можна позначити як надіслані</translation>
    </message>
    <message>
        <source>Pushing offline edits…</source>
        <translation>Надсилання офлайн-змін…</translation>
    </message>
    <message>
        <source>The conflicted edits stay in this copy until you reapply them on top of the others&apos; or drop them.</source>
        <translation>Конфліктні зміни лишаються в цій копії, доки ви не застосуєте їх поверх змін інших або не відкинете.</translation>
    </message>
    <message>
        <source>Team server: {error}</source>
        <translation>Командний сервер: {error}</translation>
    </message>
    <message>
        <source>Team server reached again; others&apos; edits follow</source>
        <translation>Командний сервер знову доступний; зміни інших надходять</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>Рядків: {n}</translation>
    </message>
    <message>
        <source>Deleted {what}</source>
        <translation>Видалено: {what}</translation>
    </message>
    <message>
        <source>Added {what}</source>
        <translation>Додано: {what}</translation>
    </message>
    <message>
        <source>Changed {what}</source>
        <translation>Змінено: {what}</translation>
    </message>
    <message>
        <source>another analyst</source>
        <translation>інший аналітик</translation>
    </message>
    <message>
        <source>{what} — by {who}</source>
        <translation>{what} — автор: {who}</translation>
    </message>
    <message>
        <source>This version: by {who}, {when}</source>
        <translation>Ця версія: автор {who}, {when}</translation>
    </message>
    <message>
        <source>Team project: {project} in {database} on {host}</source>
        <translation>Командний проєкт: {project} у базі {database} на {host}</translation>
    </message>
    <message>
        <source>Team project: {project} in {database} on this computer</source>
        <translation>Командний проєкт: {project} у базі {database} на цьому комп’ютері</translation>
    </message>
    <message>
        <source>Others&apos; edits appear as they make them; yours are recorded as {name}</source>
        <translation>Зміни інших з’являються одразу, як їх роблять; ваші записуються як {name}</translation>
    </message>
    <message>
        <source>{url} — Team project</source>
        <translation>{url} — командний проєкт</translation>
    </message>
    <message>
        <source>Redo refused: {reason} since; your edits stay as they are</source>
        <translation>Повтор відхилено: відтоді {reason}; ваші зміни лишаються як є</translation>
    </message>
    <message>
        <source>Undo refused: {reason} since; your edit stays</source>
        <translation>Скасування відхилено: відтоді {reason}; ваша зміна лишається</translation>
    </message>
    <message>
        <source>Less than a minute left</source>
        <translation>Лишилося менше хвилини</translation>
    </message>
    <message>
        <source>About {n} min left</source>
        <translation>Лишилося близько {n} хв</translation>
    </message>
    <message>
        <source>About {h} h {m} min left</source>
        <translation>Лишилося близько {h} год {m} хв</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>1 sliver part of {km2:.4f} km² (under {area} km² or thinner than {width:g} m) stayed with {zone}</source>
        <translation>1 уламок площею {km2:.4f} км² (менше {area} км² або вужчий за {width:g} м) лишився в зоні {zone}</translation>
    </message>
    <message>
        <source>A ring needs at least three vertices</source>
        <translation>Кільцю потрібно щонайменше три вершини</translation>
    </message>
    <message>
        <source>AI-generated</source>
        <translation>згенероване ШІ</translation>
    </message>
    <message>
        <source>Add assessment {name}</source>
        <translation>Додати оцінку {name}</translation>
    </message>
    <message>
        <source>Add quote “{words}”</source>
        <translation>Додати цитату «{words}»</translation>
    </message>
    <message>
        <source>Add raster {name}</source>
        <translation>Додати растр {name}</translation>
    </message>
    <message>
        <source>Add source {outlet}</source>
        <translation>Додати джерело {outlet}</translation>
    </message>
    <message>
        <source>Add to {zones}</source>
        <translation>Додати до {zones}</translation>
    </message>
    <message>
        <source>Add to {zones} as of {date}</source>
        <translation>Додати до {zones} станом на {date}</translation>
    </message>
    <message>
        <source>Add {kind}</source>
        <translation>Додати {kind}</translation>
    </message>
    <message>
        <source>Add {kind} {name}</source>
        <translation>Додати {kind} {name}</translation>
    </message>
    <message>
        <source>April</source>
        <translation>квітень</translation>
    </message>
    <message>
        <source>Attach {file}</source>
        <translation>Вкласти {file}</translation>
    </message>
    <message>
        <source>Attack direction</source>
        <translation>Напрямок атаки</translation>
    </message>
    <message>
        <source>August</source>
        <translation>серпень</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Скасовано</translation>
    </message>
    <message>
        <source>Click a zone; shift-click adds or removes; drag a box to select what it meets</source>
        <translation>Клацніть зону; Shift-клацання додає або прибирає; рамка вибирає все, чого торкається</translation>
    </message>
    <message>
        <source>Click points to measure distance and area (geodesic); double-click or Enter ends</source>
        <translation>Клацайте точки, щоб виміряти відстань і площу (геодезично); подвійне клацання або Enter завершує</translation>
    </message>
    <message>
        <source>Click the corners; double-click or Enter ends, Backspace drops the last, Esc cancels</source>
        <translation>Клацайте кути; подвійне клацання або Enter завершує, Backspace прибирає останній, Esc скасовує</translation>
    </message>
    <message>
        <source>Click the points of the line; double-click or Enter finishes</source>
        <translation>Клацайте точки лінії; подвійне клацання або Enter завершує</translation>
    </message>
    <message>
        <source>Click the points to measure</source>
        <translation>Клацайте точки, щоб виміряти</translation>
    </message>
    <message>
        <source>Click to place a dated observation</source>
        <translation>Клацніть, щоб поставити датоване спостереження</translation>
    </message>
    <message>
        <source>Dates of {zone}: {start} – {to}</source>
        <translation>Дати: {zone}, {start} – {to}</translation>
    </message>
    <message>
        <source>December</source>
        <translation>грудень</translation>
    </message>
    <message>
        <source>Delete observation</source>
        <translation>Видалити спостереження</translation>
    </message>
    <message>
        <source>Delete quote</source>
        <translation>Видалити цитату</translation>
    </message>
    <message>
        <source>Delete source {outlet}</source>
        <translation>Видалити джерело {outlet}</translation>
    </message>
    <message>
        <source>Delete version of {zone} from {date}</source>
        <translation>Видалити версію від {date}: {zone}</translation>
    </message>
    <message>
        <source>Delete vertex of {zone}</source>
        <translation>Видалити вершину: {zone}</translation>
    </message>
    <message>
        <source>Delete {zones}</source>
        <translation>Видалити {zones}</translation>
    </message>
    <message>
        <source>Destroyed</source>
        <translation>Знищено</translation>
    </message>
    <message>
        <source>Distance {distance}</source>
        <translation>Відстань {distance}</translation>
    </message>
    <message>
        <source>Distance {distance} · area {km2:,.3f} km²</source>
        <translation>Відстань {distance} · площа {km2:,.3f} км²</translation>
    </message>
    <message>
        <source>Drag a vertex, or press on an edge to add one</source>
        <translation>Перетягніть вершину або натисніть на ребро, щоб додати нову</translation>
    </message>
    <message>
        <source>Drag a vertex; press an edge to add one; Alt-click or Delete removes one</source>
        <translation>Перетягніть вершину; натисніть на ребро, щоб додати; Alt-клацання або Delete вилучає</translation>
    </message>
    <message>
        <source>Drag a zone to move it</source>
        <translation>Перетягніть зону, щоб перемістити її</translation>
    </message>
    <message>
        <source>Draw a line across the zone; double-click or Enter splits it</source>
        <translation>Проведіть лінію через зону; подвійне клацання або Enter розділяє її</translation>
    </message>
    <message>
        <source>Draw a line from the zone&apos;s border to its border; the zone takes the new border</source>
        <translation>Проведіть лінію від межі зони до її межі; зона прийме нову межу</translation>
    </message>
    <message>
        <source>Draw line</source>
        <translation>Лінія</translation>
    </message>
    <message>
        <source>Draw polygon</source>
        <translation>Полігон</translation>
    </message>
    <message>
        <source>Draw {name}</source>
        <translation>Накреслити {name}</translation>
    </message>
    <message>
        <source>Edit quote</source>
        <translation>Редагувати цитату</translation>
    </message>
    <message>
        <source>Edit source {outlet}</source>
        <translation>Редагувати джерело {outlet}</translation>
    </message>
    <message>
        <source>Edit vertices</source>
        <translation>Вершини</translation>
    </message>
    <message>
        <source>Edit {record}</source>
        <translation>Редагувати {record}</translation>
    </message>
    <message>
        <source>Edit {zone}</source>
        <translation>Редагувати {zone}</translation>
    </message>
    <message>
        <source>Edit {zone} as of {date}</source>
        <translation>Редагувати {zone} станом на {date}</translation>
    </message>
    <message>
        <source>End {zone} on {date}</source>
        <translation>Завершити {zone} на {date}</translation>
    </message>
    <message>
        <source>February</source>
        <translation>лютий</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Прапор</translation>
    </message>
    <message>
        <source>Hide {name}</source>
        <translation>Сховати {name}</translation>
    </message>
    <message>
        <source>January</source>
        <translation>січень</translation>
    </message>
    <message>
        <source>July</source>
        <translation>липень</translation>
    </message>
    <message>
        <source>June</source>
        <translation>червень</translation>
    </message>
    <message>
        <source>Legend: {status}</source>
        <translation>Легенда: {status}</translation>
    </message>
    <message>
        <source>Link quote</source>
        <translation>Пов’язати цитату</translation>
    </message>
    <message>
        <source>Link quote ({stance})</source>
        <translation>Пов’язати цитату ({stance})</translation>
    </message>
    <message>
        <source>Locate file of raster {name}</source>
        <translation>Знайти файл растра: {name}</translation>
    </message>
    <message>
        <source>March</source>
        <translation>березень</translation>
    </message>
    <message>
        <source>Mark quote as {stance}</source>
        <translation>Позначити цитату: {stance}</translation>
    </message>
    <message>
        <source>Mark {file} {mark}</source>
        <translation>Позначити {file}: {mark}</translation>
    </message>
    <message>
        <source>May</source>
        <translation>травень</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Вимірювання</translation>
    </message>
    <message>
        <source>Merge into {zone}</source>
        <translation>Об’єднати з {zone}</translation>
    </message>
    <message>
        <source>Merge selected zones</source>
        <translation>Об’єднати вибрані зони</translation>
    </message>
    <message>
        <source>Merge {zones} as of {date}</source>
        <translation>Об’єднати {zones} станом на {date}</translation>
    </message>
    <message>
        <source>Merged {n} zones as of {date}</source>
        <translation>Об’єднано зон: {n}, станом на {date}</translation>
    </message>
    <message>
        <source>Move raster {name} down</source>
        <translation>Опустити растр {name}</translation>
    </message>
    <message>
        <source>Move raster {name} up</source>
        <translation>Підняти растр {name}</translation>
    </message>
    <message>
        <source>Move vertex of {zone}</source>
        <translation>Перемістити вершину: {zone}</translation>
    </message>
    <message>
        <source>Move zone</source>
        <translation>Перемістити зону</translation>
    </message>
    <message>
        <source>Move {zone}</source>
        <translation>Перемістити {zone}</translation>
    </message>
    <message>
        <source>Moved {zone} as of {date}</source>
        <translation>{zone}: переміщено станом на {date}</translation>
    </message>
    <message>
        <source>New zone (cuts {zones})</source>
        <translation>Нова зона (обрізає {zones})</translation>
    </message>
    <message>
        <source>No points</source>
        <translation>Немає точок</translation>
    </message>
    <message>
        <source>November</source>
        <translation>листопад</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>Спостереження</translation>
    </message>
    <message>
        <source>October</source>
        <translation>жовтень</translation>
    </message>
    <message>
        <source>Opacity of {name}</source>
        <translation>Непрозорість: {name}</translation>
    </message>
    <message>
        <source>Place point</source>
        <translation>Точка</translation>
    </message>
    <message>
        <source>Project settings</source>
        <translation>Параметри проєкту</translation>
    </message>
    <message>
        <source>Remove link</source>
        <translation>Вилучити зв’язок</translation>
    </message>
    <message>
        <source>Remove raster {name}</source>
        <translation>Вилучити растр {name}</translation>
    </message>
    <message>
        <source>Remove {file}</source>
        <translation>Вилучити {file}</translation>
    </message>
    <message>
        <source>Remove {key} from the legend</source>
        <translation>Вилучити {key} з легенди</translation>
    </message>
    <message>
        <source>Rename raster {name}</source>
        <translation>Перейменувати растр {name}</translation>
    </message>
    <message>
        <source>Rename {zone} to {name}</source>
        <translation>Перейменувати {zone} на {name}</translation>
    </message>
    <message>
        <source>Reshape border</source>
        <translation>Змінити межу</translation>
    </message>
    <message>
        <source>Reshape {zone}</source>
        <translation>Змінити межу: {zone}</translation>
    </message>
    <message>
        <source>Reshaped {zone} as of {date}</source>
        <translation>{zone}: межу змінено станом на {date}</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Вибір</translation>
    </message>
    <message>
        <source>September</source>
        <translation>вересень</translation>
    </message>
    <message>
        <source>Show {name}</source>
        <translation>Показати {name}</translation>
    </message>
    <message>
        <source>Slivers of {km2:.4f} km² left by clipping against {zone} were dropped from the new shape</source>
        <translation>Уламки площею {km2:.4f} км², що лишилися після обрізання по {zone}, вилучено з нової форми</translation>
    </message>
    <message>
        <source>Split zone</source>
        <translation>Розділити зону</translation>
    </message>
    <message>
        <source>Split {zone}</source>
        <translation>Розділити {zone}</translation>
    </message>
    <message>
        <source>Split {zone} into {n} as of {date}</source>
        <translation>{zone}: розділено на частини ({n}) станом на {date}</translation>
    </message>
    <message>
        <source>Start the line on the border of the zone to reshape</source>
        <translation>Почніть лінію на межі зони, яку змінюєте</translation>
    </message>
    <message>
        <source>Strike</source>
        <translation>Удар</translation>
    </message>
    <message>
        <source>The new shape overlaps {zones}, of the same status. Add it to that zone, or draw a separate zone that cuts it?</source>
        <translation>Нова форма перекриває {zones} з тим самим статусом. Додати її до цієї зони чи накреслити окрему зону, яка її обрізає?</translation>
    </message>
    <message>
        <source>The new shape overlaps {zones}, of the same status. Add it to them, as one zone, or draw a separate zone that cuts them?</source>
        <translation>Нова форма перекриває {zones} з тим самим статусом. Додати її до них як одну зону чи накреслити окрему зону, яка їх обрізає?</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Інструмент</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Підрозділ</translation>
    </message>
    <message>
        <source>Vertex chosen: drag it, or press Delete to remove it</source>
        <translation>Вершину вибрано: перетягніть її або натисніть Delete, щоб вилучити</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Відео</translation>
    </message>
    <message>
        <source>Will cut {zones}</source>
        <translation>Обріже {zones}</translation>
    </message>
    <message>
        <source>a georeferenced image</source>
        <translation>геоприв’язане зображення</translation>
    </message>
    <message>
        <source>a quote must belong to an existing source</source>
        <translation>цитата має належати наявному джерелу</translation>
    </message>
    <message>
        <source>a quote needs its exact words</source>
        <translation>цитаті потрібні точні слова</translation>
    </message>
    <message>
        <source>a raster layer needs a file</source>
        <translation>растровому шару потрібен файл</translation>
    </message>
    <message>
        <source>a raster layer needs a name</source>
        <translation>растровому шару потрібна назва</translation>
    </message>
    <message>
        <source>a source needs an outlet or author</source>
        <translation>джерелу потрібне видання або автор</translation>
    </message>
    <message>
        <source>a zone version has no field {fields} (it takes {known})</source>
        <translation>у версії зони немає поля {fields} (можливі: {known})</translation>
    </message>
    <message>
        <source>ai-generated</source>
        <translation>згенероване ШІ</translation>
    </message>
    <message>
        <source>an MBTiles file</source>
        <translation>файл MBTiles</translation>
    </message>
    <message>
        <source>an attachment must belong to an existing source</source>
        <translation>вкладення має належати наявному джерелу</translation>
    </message>
    <message>
        <source>an observation seen until {end} must start before that day</source>
        <translation>спостереження, видиме до {end}, має починатися раніше цього дня</translation>
    </message>
    <message>
        <source>another source has the same URL: {sources}</source>
        <translation>інше джерело має ту саму URL-адресу: {sources}</translation>
    </message>
    <message>
        <source>assessment</source>
        <translation>оцінку</translation>
    </message>
    <message>
        <source>attachment</source>
        <translation>вкладення</translation>
    </message>
    <message>
        <source>attack_direction</source>
        <translation>напрямок атаки</translation>
    </message>
    <message>
        <source>authentic</source>
        <translation>автентичне</translation>
    </message>
    <message>
        <source>authenticity must be one of {values}</source>
        <translation>автентичність має бути одним із значень: {values}</translation>
    </message>
    <message>
        <source>cannot set {fields} in place (it takes {known}; edit_zone changes a status or shape, set_version_dates the dates)</source>
        <translation>не можна змінити {fields} на місці (можливі: {known}; статус або форму змінює edit_zone, дати — set_version_dates)</translation>
    </message>
    <message>
        <source>choose the assessment to draw in (Layers)</source>
        <translation>виберіть оцінку, у якій креслити (Шари)</translation>
    </message>
    <message>
        <source>clipped {zones}</source>
        <translation>обрізано {zones}</translation>
    </message>
    <message>
        <source>completely reliable</source>
        <translation>цілком надійне</translation>
    </message>
    <message>
        <source>confidence must be one of {values}</source>
        <translation>упевненість має бути одним із значень: {values}</translation>
    </message>
    <message>
        <source>confirmed by other sources</source>
        <translation>підтверджена іншими джерелами</translation>
    </message>
    <message>
        <source>context</source>
        <translation>контекст</translation>
    </message>
    <message>
        <source>contradicts</source>
        <translation>спростовує</translation>
    </message>
    <message>
        <source>credibility must be 1 to 6, not {value}</source>
        <translation>достовірність має бути від 1 до 6, а не {value}</translation>
    </message>
    <message>
        <source>destroyed</source>
        <translation>знищене</translation>
    </message>
    <message>
        <source>doubtful</source>
        <translation>сумнівна</translation>
    </message>
    <message>
        <source>draw a line of two points or more</source>
        <translation>проведіть лінію з двох або більше точок</translation>
    </message>
    <message>
        <source>fairly reliable</source>
        <translation>досить надійне</translation>
    </message>
    <message>
        <source>flag</source>
        <translation>прапор</translation>
    </message>
    <message>
        <source>improbable</source>
        <translation>малоймовірна</translation>
    </message>
    <message>
        <source>link target must be a zone version or an observation</source>
        <translation>зв’язок має вказувати на версію зони або спостереження</translation>
    </message>
    <message>
        <source>manipulated</source>
        <translation>змінене</translation>
    </message>
    <message>
        <source>no assessment {id}</source>
        <translation>немає оцінки {id}</translation>
    </message>
    <message>
        <source>no date typed: {hint}</source>
        <translation>дату не введено: {hint}</translation>
    </message>
    <message>
        <source>no raster layer {id}</source>
        <translation>немає растрового шару {id}</translation>
    </message>
    <message>
        <source>no such attachment</source>
        <translation>немає такого вкладення</translation>
    </message>
    <message>
        <source>no such link</source>
        <translation>немає такого зв’язку</translation>
    </message>
    <message>
        <source>no such quote</source>
        <translation>немає такої цитати</translation>
    </message>
    <message>
        <source>no such source</source>
        <translation>немає такого джерела</translation>
    </message>
    <message>
        <source>no version {id}</source>
        <translation>немає версії {id}</translation>
    </message>
    <message>
        <source>no zone {id}</source>
        <translation>немає зони {id}</translation>
    </message>
    <message>
        <source>not usually reliable</source>
        <translation>зазвичай ненадійне</translation>
    </message>
    <message>
        <source>observation</source>
        <translation>спостереження</translation>
    </message>
    <message>
        <source>open</source>
        <translation>відкрито</translation>
    </message>
    <message>
        <source>possibly true</source>
        <translation>можливо правдива</translation>
    </message>
    <message>
        <source>probably true</source>
        <translation>імовірно правдива</translation>
    </message>
    <message>
        <source>quote</source>
        <translation>цитату</translation>
    </message>
    <message>
        <source>raster kind must be one of {kinds}, not {kind}</source>
        <translation>тип растра має бути одним із: {kinds}, а не {kind}</translation>
    </message>
    <message>
        <source>reliability cannot be judged</source>
        <translation>з надійністю, яку неможливо оцінити</translation>
    </message>
    <message>
        <source>reliability must be one of {values}, not {value}</source>
        <translation>надійність має бути однією з: {values}, а не {value}</translation>
    </message>
    <message>
        <source>select the zone to split</source>
        <translation>виберіть зону, яку розділити</translation>
    </message>
    <message>
        <source>select two or more zones to merge</source>
        <translation>виберіть дві або більше зон для об’єднання</translation>
    </message>
    <message>
        <source>source</source>
        <translation>джерело</translation>
    </message>
    <message>
        <source>source kind must be one of {values}, not {value}</source>
        <translation>тип джерела має бути одним із: {values}, а не {value}</translation>
    </message>
    <message>
        <source>stance must be one of {values}</source>
        <translation>позиція має бути однією з: {values}</translation>
    </message>
    <message>
        <source>start the line on the border of the zone to reshape</source>
        <translation>почніть лінію на межі зони, яку змінюєте</translation>
    </message>
    <message>
        <source>status {key} is still used by zones</source>
        <translation>статус {key} ще використовують зони</translation>
    </message>
    <message>
        <source>status {status} is not in the legend</source>
        <translation>статусу {status} немає в легенді</translation>
    </message>
    <message>
        <source>strike</source>
        <translation>удар</translation>
    </message>
    <message>
        <source>supports</source>
        <translation>підтверджує</translation>
    </message>
    <message>
        <source>the line crosses no zone</source>
        <translation>лінія не перетинає жодної зони</translation>
    </message>
    <message>
        <source>the line must cross the zone from one side to the other</source>
        <translation>лінія має перетинати зону від краю до краю</translation>
    </message>
    <message>
        <source>the line must end at another point of the border</source>
        <translation>лінія має закінчуватися в іншій точці межі</translation>
    </message>
    <message>
        <source>the line must start and end on the zone&apos;s border</source>
        <translation>лінія має починатися й закінчуватися на межі зони</translation>
    </message>
    <message>
        <source>the line would cut only slivers off {zone} ({why})</source>
        <translation>лінія відрізала б від {zone} лише уламки ({why})</translation>
    </message>
    <message>
        <source>the quote&apos;s only attachment is marked {marks}</source>
        <translation>єдине вкладення цитати позначено як {marks}</translation>
    </message>
    <message>
        <source>the quote&apos;s only attachments are marked {marks}</source>
        <translation>усі вкладення цитати позначено як {marks}</translation>
    </message>
    <message>
        <source>the reshaped zone would have no area</source>
        <translation>змінена зона не мала б площі</translation>
    </message>
    <message>
        <source>the shape lies wholly inside other assessed zones (clip-self mode)</source>
        <translation>форма повністю лежить усередині інших оцінених зон (режим «обрізається сусідами»)</translation>
    </message>
    <message>
        <source>the zone has no shape on this date</source>
        <translation>зона не має форми на цю дату</translation>
    </message>
    <message>
        <source>truth cannot be judged</source>
        <translation>з правдивістю, яку неможливо оцінити</translation>
    </message>
    <message>
        <source>type a date as 2025-12-01 or 01.12.2025</source>
        <translation>введіть дату як 2025-12-01 або 01.12.2025</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>підрозділ</translation>
    </message>
    <message>
        <source>unknown clipping mode {mode}</source>
        <translation>невідомий режим обрізання {mode}</translation>
    </message>
    <message>
        <source>unknown credibility</source>
        <translation>невідомої достовірності</translation>
    </message>
    <message>
        <source>unknown reliability</source>
        <translation>невідомої надійності</translation>
    </message>
    <message>
        <source>unreliable</source>
        <translation>ненадійне</translation>
    </message>
    <message>
        <source>unverified</source>
        <translation>не перевірено</translation>
    </message>
    <message>
        <source>usually reliable</source>
        <translation>зазвичай надійне</translation>
    </message>
    <message>
        <source>video</source>
        <translation>відео</translation>
    </message>
    <message>
        <source>zones of different assessments cannot be merged</source>
        <translation>зони різних оцінок не можна об’єднати</translation>
    </message>
    <message>
        <source>{action} as of {date}</source>
        <translation>{action} станом на {date}</translation>
    </message>
    <message>
        <source>{file} is empty</source>
        <translation>{file} порожній</translation>
    </message>
    <message>
        <source>{file} is not an image (PNG, JPEG, GIF, WebP), a PDF or a UTF-8 text file; only those can be attached</source>
        <translation>{file} не є зображенням (PNG, JPEG, GIF, WebP), PDF або текстовим файлом UTF-8; додавати можна лише такі</translation>
    </message>
    <message>
        <source>{file} is {size}; attachments may be at most {most}. Attach a smaller copy or a screenshot.</source>
        <translation>{file} має розмір {size}; вкладення можуть бути не більше {most}. Додайте меншу копію або знімок екрана.</translation>
    </message>
    <message>
        <source>{grade}: source {reliability}; {number}: information {credibility}</source>
        <translation>{grade}: джерело {reliability}; {number}: інформація {credibility}</translation>
    </message>
    <message>
        <source>{head} ({notes})</source>
        <translation>{head} ({notes})</translation>
    </message>
    <message>
        <source>{kind} drawn on {date}</source>
        <translation>{kind}: накреслено на {date}</translation>
    </message>
    <message>
        <source>{kind} placed on {date}</source>
        <translation>{kind}: поставлено на {date}</translation>
    </message>
    <message>
        <source>{km:,.2f} km</source>
        <translation>{km:,.2f} км</translation>
    </message>
    <message>
        <source>{m:.0f} m</source>
        <translation>{m:.0f} м</translation>
    </message>
    <message>
        <source>{name} is {what}: choose a file of the same kind ({file} is not)</source>
        <translation>{name} — це {what}: виберіть файл того самого типу ({file} не такий)</translation>
    </message>
    <message>
        <source>{n} selected</source>
        <translation>Вибрано: {n}</translation>
    </message>
    <message>
        <source>{n} sliver parts of {km2:.4f} km² (under {area} km² or thinner than {width:g} m) stayed with {zone}</source>
        <translation>Уламки ({n}) площею {km2:.4f} км² (менше {area} км² або вужчі за {width:g} м) лишилися в зоні {zone}</translation>
    </message>
    <message>
        <source>{text} is not a whole date: {hint}</source>
        <translation>{text} — не повна дата: {hint}</translation>
    </message>
    <message>
        <source>{text}: there is no month {month}</source>
        <translation>{text}: місяця {month} не існує</translation>
    </message>
    <message>
        <source>{text}: year {year} does not exist</source>
        <translation>{text}: року {year} не існує</translation>
    </message>
    <message>
        <source>{text}: {month} {year} has no day {day}</source>
        <translation>{text}: {month} {year} не має {day}-го числа</translation>
    </message>
    <message>
        <source>{tool}: at least {n} points are needed</source>
        <translation>{tool}: потрібно щонайменше стільки точок: {n}</translation>
    </message>
    <message>
        <source>{zone} (−{km2} km² from {date})</source>
        <translation>{zone} (−{km2} км² від {date})</translation>
    </message>
    <message>
        <source>{zone} (−{km2} km²)</source>
        <translation>{zone} (−{km2} км²)</translation>
    </message>
    <message>
        <source>{zone} drawn as of {date}</source>
        <translation>{zone}: накреслено станом на {date}</translation>
    </message>
    <message>
        <source>{zone} gave up slivers of {km2:.4f} km² to the edited zone (parts under {area} km² or thinner than {width:g} m)</source>
        <translation>{zone} віддала редагованій зоні уламки площею {km2:.4f} км² (частини менше {area} км² або вужчі за {width:g} м)</translation>
    </message>
    <message>
        <source>{zone} has no shape on {date}</source>
        <translation>{zone} не має форми на {date}</translation>
    </message>
    <message>
        <source>{zone} has no shape on {date}; draw one first</source>
        <translation>{zone} не має форми на {date}; спершу накресліть її</translation>
    </message>
    <message>
        <source>{zone}: &apos;valid to&apos; ({to}) must be after &apos;valid from&apos; ({start})</source>
        <translation>{zone}: «дійсна до» ({to}) має бути пізніше за «дійсна від» ({start})</translation>
    </message>
    <message>
        <source>{zone}: a new zone needs a status</source>
        <translation>{zone}: новій зоні потрібен статус</translation>
    </message>
    <message>
        <source>{zone}: other assessed zones hold part of it then; use clip-neighbours mode or reshape it first</source>
        <translation>{zone}: тоді частину її займають інші оцінені зони; увімкніть «Обрізати сусідів» або спершу змініть її межу</translation>
    </message>
    <message>
        <source>{zone}: {start} – {to} overlaps its version from {other}; end or delete that one first</source>
        <translation>{zone}: {start} – {to} перекриває її версію від {other}; спершу завершіть або видаліть ту</translation>
    </message>
    <message>
        <source>Assessment properties: {name}</source>
        <translation>Властивості оцінки: {name}</translation>
    </message>
</context>
<context>
    <name>SourcesTable</name>
    <message>
        <source>Outlet / author</source>
        <translation>Видання / автор</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Rel.</source>
        <translation>Над.</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Опубл.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Quotes</source>
        <translation>Цит.</translation>
    </message>
</context>
</TS>
