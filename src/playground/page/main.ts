/**
 * The playground page: a Google Sheets look-alike around the grid — title bar, menu bar (File,
 * Extensions with the add-on's menus, Help, and any custom menus the script adds), user switcher,
 * outbox, "an hour passes", download and reset; the formula bar; tabs; the add-on's sidebar in a
 * 300 px panel and its dialogs in a modal. Everything it shows comes from the server's state, and it
 * refreshes after every action, since the add-on may have changed cells, colours or the selection.
 */
import { ApiError, getJson, post, type DocState, type MenuSpec, type RunSummary, type SentMail, type ActivityEntry, type SheetAction } from './api';
import { clear, h } from './dom';
import { Grid, type GridEdit } from './grid';
import { closeAllMenus, menuButton, openMenu, type MenuEntry } from './menus';
import { openModal, toast, type ModalHandle } from './overlays';

/**
 * Panels get scripts, forms, popups, alerts and downloads (a sidebar's "Download …" saves a file, as
 * in Sheets), but an opaque origin: like Sheets' panels, they cannot reach the page or its API.
 */
const PANEL_SANDBOX = 'allow-scripts allow-forms allow-popups allow-modals allow-downloads';

const HOUR = 3600_000;

class App {
  private doc: DocState | null = null;
  private sheetId: number | null = null;
  /** The selection the page last told the server (or followed from it). */
  private lastActive: { sheetId: number; a1: string } | null = null;
  /** The server's active range in the previous response: a change means the add-on moved it. */
  private serverActive: { sheetId: number; a1: string } | null = null;
  private perSheetSelection = new Map<number, string>();
  private busy = 0;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private sidebarSerial = 0;
  private dialogSerial = 0;
  private dialogModal: ModalHandle | null = null;

  private readonly grid: Grid;
  private readonly titleEl = h('h1', { class: 'doc-title' });
  private readonly menubar = h('div', { class: 'menubar', role: 'menubar', 'aria-label': 'Menu bar' });
  private readonly userButton: HTMLElement;
  private readonly outboxButton = h('button', { type: 'button', class: 'tool' }, 'Outbox');
  private readonly resetButton = h('button', { type: 'button', class: 'tool' }, 'Reset to demo');
  private readonly status = h('span', { class: 'busy', role: 'status', 'aria-live': 'polite' });
  private readonly nameBox = h('input', { class: 'name-box', 'aria-label': 'Name box', spellcheck: 'false' }) as HTMLInputElement;
  private readonly formula = h('input', { class: 'formula-input', 'aria-label': 'Formula bar', spellcheck: 'false' }) as HTMLInputElement;
  private readonly tabsEl = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Sheets' });
  private readonly sidebarEl = h('aside', { class: 'sidebar', hidden: true });
  private readonly gridHost = h('div', { class: 'grid-host' });

  constructor() {
    this.grid = new Grid({
      onSelect: (sheetId, a1) => void this.postSelection(sheetId, a1),
      onEdit: (sheetId, edit) => this.edit(sheetId, edit),
      onRowMenu: (sheetId, row, owner) => {
        openMenu(owner, [
          { kind: 'item', label: 'Insert 1 row above', action: () => void this.sheetAction({ kind: 'add-rows', sheetId, count: 1, after: row - 1 }, 'Inserting a row…') },
          { kind: 'item', label: 'Insert 1 row below', action: () => void this.sheetAction({ kind: 'add-rows', sheetId, count: 1, after: row }, 'Inserting a row…') },
        ], { focusFirst: true, label: `Row ${row}` });
      },
      onSelectionShown: (nameBox, input) => {
        this.nameBox.value = nameBox;
        if (document.activeElement !== this.formula) this.formula.value = input;
        if (this.grid.sheetId !== undefined) {
          this.perSheetSelection.set(this.grid.sheetId, nameBox);
          this.lastActive = { sheetId: this.grid.sheetId, a1: nameBox };
        }
      },
    });
    this.userButton = menuButton('', () => this.userMenu(), { class: 'user-chip', 'aria-label': 'Signed-in user' });
    this.outboxButton.addEventListener('click', () => void this.showOutbox());
    this.resetButton.addEventListener('click', () => this.confirmReset());
    this.gridHost.append(this.grid.root);
    this.buildShell();
    window.addEventListener('message', (e) => this.onBridgeMessage(e));
  }

  private buildShell(): void {
    const tool = (label: string, action: () => void, attrs: Record<string, string> = {}) => h('button', { type: 'button', class: 'tool', onclick: action as EventListener, ...attrs }, label);
    const topbar = h(
      'header',
      { class: 'topbar' },
      h('div', { class: 'doc-icon', 'aria-hidden': 'true' }),
      h('div', { class: 'title-block' }, this.titleEl, this.menubar),
      h(
        'div',
        { class: 'tools', role: 'toolbar', 'aria-label': 'Playground' },
        this.status,
        tool('An hour passes', () => void this.passTime(HOUR), { title: 'Advance the clock one hour and run the time-driven triggers that fall due' }),
        this.outboxButton,
        tool('Download .xlsx', () => this.download()),
        this.resetButton,
        this.userButton,
      ),
    );
    this.nameBox.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        if (this.grid.selectA1(this.nameBox.value.trim().toUpperCase(), { notify: true })) this.grid.focus();
        else toast('', `"${this.nameBox.value}" is not a cell or range (try B3 or A1:C5).`, 'info');
      } else if (e.key === 'Escape') this.grid.focus();
    });
    this.formula.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.altKey) {
        e.preventDefault();
        this.grid.commitFromFormulaBar(this.formula.value);
        this.grid.focus();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.grid.focus();
        this.grid.selectA1(this.nameBox.value, { scroll: false });
      }
    });
    const formulaBar = h('div', { class: 'formula-bar' }, this.nameBox, h('span', { class: 'fx', 'aria-hidden': 'true' }, 'fx'), this.formula);
    const main = h('div', { class: 'main' }, this.gridHost, this.sidebarEl);
    // "All sheets": every tab in a menu, for when the tab bar overflows (as Sheets' ☰ button).
    const allSheets = menuButton('☰', () => (this.doc?.tabs ?? []).filter((t) => !t.hidden).map((t) => ({ kind: 'item' as const, label: t.name, hint: t.id === this.doc?.sheet?.id ? '✓' : undefined, action: () => void this.selectSheet(t.id) })), { class: 'icon-button all-sheets', 'aria-label': 'All sheets' });
    const bottom = h('footer', { class: 'bottom' }, allSheets, this.tabsEl);
    document.body.append(h('div', { class: 'app' }, topbar, formulaBar, main, bottom));
  }

  // ---- server round trips ---------------------------------------------------------------------

  private async work<T>(label: string, fn: () => Promise<T>): Promise<T | undefined> {
    this.busy++;
    this.status.textContent = label;
    document.body.setAttribute('aria-busy', 'true');
    try {
      return await fn();
    } catch (e) {
      toast('Playground error', e instanceof ApiError ? e.message : `The playground server did not answer (${(e as Error).message}).`, 'error');
      return undefined;
    } finally {
      if (--this.busy === 0) {
        this.status.textContent = '';
        document.body.removeAttribute('aria-busy');
      }
    }
  }

  async start(): Promise<void> {
    // Opening the document runs onOpen, as Sheets does on every load.
    await this.work('Opening…', () => post('/api/open'));
    await this.refresh();
    this.grid.focus();
  }

  /** Fetches the state and redraws. Calls made while one runs are merged into one more. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = this.work('Loading…', async () => {
      do {
        this.refreshAgain = false;
        await this.load();
      } while (this.refreshAgain);
    }).then(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private stateUrl(sheetId: number | null): string {
    const win = this.grid.sheetId === sheetId && sheetId !== null ? this.grid.wantedRows() : { r1: 1, r2: 100 };
    return `/api/state?${sheetId !== null ? `sheet=${sheetId}&` : ''}r1=${win.r1}&r2=${win.r2}&c1=1&c2=400`;
  }

  private async load(): Promise<void> {
    let doc = await getJson<DocState>(this.stateUrl(this.sheetId));
    const active = doc.active;
    const movedByServer = !this.serverActive || this.serverActive.sheetId !== active.sheetId || this.serverActive.a1 !== active.a1;
    const differs = !this.lastActive || this.lastActive.sheetId !== active.sheetId || this.lastActive.a1 !== active.a1;
    this.serverActive = { ...active };
    const follow = movedByServer && differs;
    if (follow && active.sheetId !== doc.sheet?.id) {
      // The add-on activated another sheet: show it.
      this.sheetId = active.sheetId;
      const notices = doc.notices;
      doc = await getJson<DocState>(this.stateUrl(active.sheetId));
      doc.notices = [...notices, ...doc.notices];
    }
    this.apply(doc, follow ? active.a1 : undefined);
  }

  private apply(doc: DocState, followA1?: string): void {
    this.doc = doc;
    this.titleEl.textContent = doc.name;
    document.title = `${doc.name} - Mapspec playground`;
    this.userButton.textContent = '';
    this.userButton.append(h('span', { class: 'avatar', 'aria-hidden': 'true' }, doc.user.slice(0, 1).toUpperCase()), h('span', { class: 'user-email' }, doc.user));
    this.userButton.setAttribute('aria-label', `Signed in as ${doc.user}. Switch user`);
    this.outboxButton.textContent = `Outbox (${doc.mailCount})`;
    this.resetButton.textContent = doc.source === 'xlsx' ? 'Reset to file' : 'Reset to demo';
    document.body.dataset.version = String(doc.version);
    this.renderMenubar(doc.menus);
    if (doc.sheet) {
      this.sheetId = doc.sheet.id;
      this.grid.setData(doc.sheet, doc.version, doc.cells, doc.window);
      if (followA1) {
        this.grid.selectA1(followA1);
        this.lastActive = { sheetId: doc.sheet.id, a1: followA1 };
      } else {
        const remembered = this.perSheetSelection.get(doc.sheet.id);
        if (remembered && this.grid.sheetId === doc.sheet.id && !this.lastActive) this.grid.selectA1(remembered, { scroll: false });
      }
    }
    this.renderTabs(doc);
    this.renderSidebar(doc);
    this.renderDialog(doc);
    for (const n of doc.notices) {
      if (n.kind === 'alert') openModal(n.title, { role: 'alertdialog', buttons: [{ label: 'OK', primary: true, action: () => undefined }] }).body.append(h('p', { class: 'pre' }, n.message));
      else toast(n.title, n.message, n.kind);
    }
  }

  private async postSelection(sheetId: number, a1: string): Promise<void> {
    this.lastActive = { sheetId, a1 };
    try {
      await post('/api/select', { sheetId, a1 });
      this.serverActive = { sheetId, a1 };
    } catch {
      // A lost selection update is harmless: the next one carries the current selection.
    }
  }

  /** Sheets' question before an edit under warning-only protection; true to go on. */
  private confirmProtected(sheetId: number, edit: GridEdit): Promise<boolean> {
    const layout = this.doc?.sheet?.id === sheetId ? this.doc.sheet : null;
    const r2 = edit.row + edit.values.length - 1;
    const c2 = edit.column + Math.max(1, ...edit.values.map((v) => v.length)) - 1;
    const hit = layout?.warnings.some((w) => w.r1 <= r2 && edit.row <= w.r2 && w.c1 <= c2 && edit.column <= w.c2);
    if (!hit) return Promise.resolve(true);
    return new Promise((resolve) => {
      // The modal closes before a button's action runs: the answer is read once both have.
      let answer = false;
      openModal('Heads up!', { role: 'alertdialog', onClose: () => setTimeout(() => resolve(answer), 0), buttons: [{ label: 'Cancel', action: () => undefined }, { label: 'OK', primary: true, action: () => (answer = true) }] }).body.append(
        h('p', {}, "You're trying to edit part of this sheet that shouldn't be changed accidentally. Edit anyway?"),
      );
    });
  }

  private async edit(sheetId: number, edit: GridEdit): Promise<void> {
    if (!(await this.confirmProtected(sheetId, edit))) {
      this.grid.discardShown();
      await this.refresh();
      return;
    }
    const res = await this.work('Saving…', () => post<{ ok: boolean; message?: string; runs?: RunSummary[] }>('/api/edit', { sheetId, ...edit }));
    if (res && !res.ok) {
      // Sheets' own refusal (e.g. a strict dropdown): shown, and the refresh puts the old value back.
      openModal('There was a problem', { role: 'alertdialog', buttons: [{ label: 'OK', primary: true, action: () => undefined }] }).body.append(h('p', {}, res.message ?? 'The edit was refused.'));
    }
    await this.refresh();
  }

  private async runMenu(functionName: string): Promise<void> {
    await this.work('Running…', () => post('/api/menu', { functionName }));
    await this.refresh();
  }

  private async passTime(ms: number): Promise<void> {
    await this.work('Time passes…', () => post('/api/time', { ms }));
    await this.refresh();
  }

  private async switchUser(email: string): Promise<void> {
    await this.work('Switching user…', () => post('/api/user', { email }));
    await this.refresh();
  }

  private async selectSheet(id: number): Promise<void> {
    if (this.grid.isEditing) this.grid.commitEdit(0, 0);
    const a1 = this.perSheetSelection.get(id) ?? 'A1';
    this.sheetId = id;
    this.lastActive = { sheetId: id, a1 };
    await this.work('Switching sheet…', () => post('/api/select', { sheetId: id, a1 }));
    this.serverActive = { sheetId: id, a1 };
    await this.refresh();
    this.grid.selectA1(a1);
    this.grid.focus();
  }

  private download(): void {
    const a = h('a', { href: '/download.xlsx', download: '' });
    document.body.append(a);
    a.click();
    a.remove();
  }

  private confirmReset(): void {
    const source = this.doc?.source === 'xlsx' ? 'the .xlsx file it was started with' : 'the demo workbook';
    const m = openModal('Reset the document?', {
      role: 'alertdialog',
      buttons: [
        { label: 'Cancel', action: () => undefined },
        {
          label: 'Reset',
          primary: true,
          action: () =>
            void (async () => {
              await this.work('Resetting…', () => post('/api/reset'));
              this.lastActive = null;
              this.serverActive = null;
              this.perSheetSelection.clear();
              this.sheetId = null;
              await this.refresh();
            })(),
        },
      ],
    });
    m.body.append(h('p', {}, `This goes back to ${source} and forgets every edit, property, trigger and email since.`));
  }

  // ---- menus --------------------------------------------------------------------------------

  private renderMenubar(menus: MenuSpec[]): void {
    const key = JSON.stringify(menus);
    if (this.menubar.dataset.key === key) return;
    this.menubar.dataset.key = key;
    closeAllMenus();
    clear(this.menubar);
    const addonMenus = menus.filter((m) => m.addon);
    const customMenus = menus.filter((m) => !m.addon);
    const bar = (label: string, entries: () => MenuEntry[]) => menuButton(label, entries, { role: 'menuitem', class: 'menubar-item' });
    this.menubar.append(
      bar('File', () => [
        { kind: 'item', label: 'Download .xlsx', action: () => this.download() },
        { kind: 'item', label: this.doc?.source === 'xlsx' ? 'Reset to file…' : 'Reset to demo…', action: () => this.confirmReset() },
        { kind: 'separator' },
        { kind: 'item', label: 'Executions log', action: () => void this.showActivity() },
      ]),
      bar('Extensions', () => {
        const entries: MenuEntry[] = addonMenus.map((m) => ({ kind: 'submenu', label: m.title, entries: this.menuEntries(m) }));
        if (entries.length === 0) entries.push({ kind: 'note', label: 'No add-on menu: onOpen did not add one.' });
        entries.push({ kind: 'separator' }, { kind: 'item', label: 'Executions log', action: () => void this.showActivity() });
        return entries;
      }),
      bar('Help', () => [{ kind: 'item', label: 'About the playground', action: () => this.showAbout() }]),
      ...customMenus.map((m) => bar(m.title, () => this.menuEntries(m))),
    );
    // Arrow keys move along the menu bar.
    this.menubar.addEventListener('keydown', (e) => {
      const items = [...this.menubar.querySelectorAll<HTMLElement>('.menubar-item')];
      const i = items.indexOf(document.activeElement as HTMLElement);
      if (i < 0) return;
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        items[(i + (e.key === 'ArrowRight' ? 1 : -1) + items.length) % items.length].focus();
      }
    });
  }

  private menuEntries(menu: MenuSpec): MenuEntry[] {
    return menu.items.map((item): MenuEntry => {
      if (item.kind === 'separator') return { kind: 'separator' };
      if (item.kind === 'submenu') return { kind: 'submenu', label: item.menu.title, entries: this.menuEntries(item.menu) };
      return { kind: 'item', label: item.caption, action: () => void this.runMenu(item.functionName) };
    });
  }

  private userMenu(): MenuEntry[] {
    const doc = this.doc;
    const entries: MenuEntry[] = (doc?.users ?? []).map((email) => ({
      kind: 'item',
      label: email,
      hint: email === doc?.user ? '✓ signed in' : undefined,
      action: () => void this.switchUser(email),
    }));
    entries.push({ kind: 'separator' }, { kind: 'item', label: 'Add user…', action: () => this.addUser() });
    return entries;
  }

  private addUser(): void {
    const input = h('input', { type: 'email', 'aria-label': 'Email address', placeholder: 'someone@example.org', class: 'text-input' }) as HTMLInputElement;
    const submit = () => {
      const email = input.value.trim();
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
        input.setCustomValidity('Enter an email address');
        input.reportValidity();
        return false;
      }
      void this.switchUser(email);
      return true;
    };
    const m = openModal('Add a user', { buttons: [{ label: 'Cancel', action: () => undefined }] });
    const add = h('button', { type: 'button', class: 'primary' }, 'Add and sign in');
    add.addEventListener('click', () => submit() && m.close());
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && submit()) m.close();
    });
    m.body.append(h('label', { class: 'field' }, 'Email of the person to sign in as', input), add);
    input.focus();
  }

  // ---- tabs -----------------------------------------------------------------------------------

  private renderTabs(doc: DocState): void {
    clear(this.tabsEl);
    for (const tab of doc.tabs) {
      if (tab.hidden) continue;
      const selected = tab.id === doc.sheet?.id;
      const button = h(
        'button',
        { type: 'button', role: 'tab', class: 'tab', 'aria-selected': String(selected), tabindex: selected ? 0 : -1, 'data-sheet-id': tab.id },
        tab.name,
      );
      if (tab.tabColor) button.style.setProperty('--tab-color', tab.tabColor);
      button.addEventListener('click', () => void this.selectSheet(tab.id));
      // The tab's menu (right click, the menu key or Shift+F10), as in Sheets: rename, delete, add rows.
      const menu = () => openMenu(button, this.tabMenu(tab.id, tab.name), { focusFirst: true, label: `Sheet ${tab.name}` });
      button.addEventListener('contextmenu', (e) => {
        e.preventDefault();
        menu();
      });
      button.addEventListener('keydown', (e) => {
        const tabs = [...this.tabsEl.querySelectorAll<HTMLElement>('[role="tab"]')];
        const i = tabs.indexOf(button);
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          e.preventDefault();
          tabs[(i + (e.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length]?.focus();
        } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
          e.preventDefault();
          menu();
        }
      });
      this.tabsEl.append(button);
      // The selected tab is always in view, however many there are.
      if (selected) requestAnimationFrame(() => button.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
    }
  }

  private tabMenu(sheetId: number, name: string): MenuEntry[] {
    return [
      { kind: 'item', label: 'Rename…', action: () => this.renameSheet(sheetId, name) },
      { kind: 'item', label: 'Delete', action: () => this.deleteSheet(sheetId, name) },
      { kind: 'separator' },
      { kind: 'item', label: 'Add 1,000 rows at the bottom', action: () => void this.sheetAction({ kind: 'add-rows', sheetId, count: 1000 }, 'Adding rows…') },
    ];
  }

  private renameSheet(sheetId: number, name: string): void {
    const input = h('input', { type: 'text', value: name, 'aria-label': 'Sheet name', class: 'text-input', maxlength: 200 }) as HTMLInputElement;
    const submit = () => void this.sheetAction({ kind: 'rename', sheetId, name: input.value }, 'Renaming…');
    const m = openModal('Rename sheet', { buttons: [{ label: 'Cancel', action: () => undefined }, { label: 'OK', primary: true, action: submit }] });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        m.close();
        submit();
      }
    });
    m.body.append(h('label', { class: 'field' }, 'Name', input));
    input.select();
  }

  private deleteSheet(sheetId: number, name: string): void {
    openModal(`Delete "${name}"?`, { role: 'alertdialog', buttons: [{ label: 'Cancel', action: () => undefined }, { label: 'Delete', primary: true, action: () => void this.sheetAction({ kind: 'delete', sheetId }, 'Deleting…') }] }).body.append(
      h('p', {}, 'The sheet and everything in it is deleted. The playground has no undo.'),
    );
  }

  /** A change to a sheet from the tab bar or a row header; Sheets' refusal is shown as it words it. */
  private async sheetAction(action: SheetAction, label: string): Promise<void> {
    const res = await this.work(label, () => post<{ ok: boolean; message?: string }>('/api/sheet', action));
    if (res && !res.ok) openModal('There was a problem', { role: 'alertdialog', buttons: [{ label: 'OK', primary: true, action: () => undefined }] }).body.append(h('p', {}, res.message ?? 'Sheets refused it.'));
    await this.refresh();
  }

  // ---- sidebar and dialogs ------------------------------------------------------------------------

  private renderSidebar(doc: DocState): void {
    const s = doc.sidebar;
    if (!s) {
      if (!this.sidebarEl.hidden) {
        this.sidebarEl.hidden = true;
        clear(this.sidebarEl);
        this.sidebarSerial = 0;
      }
      return;
    }
    if (s.serial === this.sidebarSerial) return;
    this.sidebarSerial = s.serial;
    clear(this.sidebarEl);
    const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close sidebar' }, '✕');
    close.addEventListener('click', () => void this.closePanel('sidebar'));
    const frame = h('iframe', { class: 'sidebar-frame', title: s.title || 'Add-on sidebar', src: `/sidebar?serial=${s.serial}`, sandbox: PANEL_SANDBOX });
    this.sidebarEl.setAttribute('aria-label', `Add-on sidebar: ${s.title}`);
    // Sheets' sidebars are always 300 px wide, whatever width the script asks for.
    this.sidebarEl.style.width = '300px';
    this.sidebarEl.append(h('div', { class: 'sidebar-head' }, h('h2', {}, s.title || 'Sidebar'), close), frame);
    this.sidebarEl.hidden = false;
  }

  private renderDialog(doc: DocState): void {
    const d = doc.dialog;
    if (!d) {
      if (this.dialogModal) {
        const m = this.dialogModal;
        this.dialogModal = null;
        m.close();
      }
      this.dialogSerial = 0;
      return;
    }
    if (d.serial === this.dialogSerial) return;
    this.dialogSerial = d.serial;
    this.dialogModal?.close();
    const modal = openModal(d.title || 'Dialog', {
      width: Math.min(window.innerWidth - 40, d.width + 2),
      className: 'html-dialog',
      onClose: () => {
        if (this.dialogModal === modal) {
          this.dialogModal = null;
          void this.closePanel('dialog');
        }
      },
    });
    this.dialogModal = modal;
    const frame = h('iframe', { class: 'dialog-frame', title: d.title || 'Add-on dialog', src: `/dialog?serial=${d.serial}`, sandbox: PANEL_SANDBOX });
    frame.style.height = `${Math.min(window.innerHeight - 140, d.height ?? 450)}px`;
    modal.body.append(frame);
  }

  private async closePanel(which: 'sidebar' | 'dialog'): Promise<void> {
    await this.work('Closing…', () => post('/api/close', { which }));
    await this.refresh();
    this.grid.focus();
  }

  /** Messages from the add-on's panels, told apart by the window they come from (their origin is opaque). */
  private onBridgeMessage(e: MessageEvent): void {
    const frames = [...document.querySelectorAll<HTMLIFrameElement>('iframe.sidebar-frame, iframe.dialog-frame')];
    if (!e.source || !frames.some((f) => f.contentWindow === e.source)) return;
    const data = e.data as { source?: string; type?: string; frame?: 'sidebar' | 'dialog'; id?: number; body?: string } | null;
    if (!data || data.source !== 'mapspec-bridge') return;
    if (data.type === 'run' && typeof data.body === 'string') void this.relayRun(e.source as Window, data.id ?? 0, data.body);
    else if (data.type === 'changed') void this.refresh();
    else if (data.type === 'close' && (data.frame === 'sidebar' || data.frame === 'dialog')) void this.closePanel(data.frame);
    else if (data.type === 'focus-editor') this.grid.focus();
  }

  /** google.script.run from a sandboxed panel: the page calls /api/run (and nothing else) for it. */
  private async relayRun(target: Window, id: number, body: string): Promise<void> {
    const answer = (result: { status?: number; data?: unknown; error?: string }) => target.postMessage({ source: 'mapspec-host', type: 'run-result', id, ...result }, '*');
    try {
      const res = await fetch('/api/run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      answer({ status: res.status, data: await res.json() });
    } catch (err) {
      answer({ error: (err as Error).message });
    }
  }

  // ---- outbox, executions, about ------------------------------------------------------------------

  private async showOutbox(): Promise<void> {
    const data = await this.work('Loading…', () => getJson<{ sent: SentMail[] }>('/api/mail'));
    if (!data) return;
    const m = openModal(`Outbox (${data.sent.length})`, { className: 'outbox', width: 760 });
    if (data.sent.length === 0) m.body.append(h('p', { class: 'muted' }, 'No email has been sent yet.'));
    for (const mail of [...data.sent].reverse()) {
      const html = mail.htmlBody
        ? (() => {
            // The email's HTML runs nowhere: a sandboxed frame with no scripts, no same-origin access.
            const frame = h('iframe', { class: 'mail-html', sandbox: '', title: `HTML body of ${mail.subject}`, referrerpolicy: 'no-referrer' }) as HTMLIFrameElement;
            frame.srcdoc = mail.htmlBody;
            return frame;
          })()
        : null;
      m.body.append(
        h(
          'article',
          { class: 'mail', 'aria-label': mail.subject },
          h('h3', {}, mail.subject || '(no subject)'),
          h(
            'dl',
            {},
            h('dt', {}, 'From'), h('dd', {}, mail.name ? `${mail.name} <${mail.from}>` : mail.from),
            h('dt', {}, 'To'), h('dd', {}, mail.to.join(', ')),
            mail.cc.length ? h('dt', {}, 'Cc') : null, mail.cc.length ? h('dd', {}, mail.cc.join(', ')) : null,
            mail.bcc.length ? h('dt', {}, 'Bcc') : null, mail.bcc.length ? h('dd', {}, mail.bcc.join(', ')) : null,
            h('dt', {}, 'Sent'), h('dd', {}, new Date(mail.at).toLocaleString()),
          ),
          html,
          h('details', { open: html ? null : true }, h('summary', {}, 'Plain text'), h('pre', { class: 'mail-text' }, mail.body)),
        ),
      );
    }
  }

  private async showActivity(): Promise<void> {
    const data = await this.work('Loading…', () => getJson<{ activity: ActivityEntry[] }>('/api/activity'));
    if (!data) return;
    const m = openModal('Executions', { width: 760, className: 'activity' });
    if (data.activity.length === 0) m.body.append(h('p', { class: 'muted' }, 'Nothing has run yet.'));
    const list = h('ol', { class: 'activity-list', reversed: true });
    for (const a of [...data.activity].reverse()) {
      list.append(
        h(
          'li',
          { class: a.ok ? 'ok' : 'failed' },
          h('div', {}, h('strong', {}, a.functionName), ` · ${a.kind} · ${a.authMode} · ${a.user} · ${new Date(a.at).toLocaleTimeString()}`),
          a.error ? h('div', { class: 'error-text' }, a.error) : null,
          a.logs.length ? h('pre', { class: 'logs' }, a.logs.join('\n')) : null,
        ),
      );
    }
    m.body.append(list);
  }

  private showAbout(): void {
    const m = openModal('About the Mapspec playground');
    m.body.append(
      h('p', {}, 'A local stand-in for Google Sheets: the add-on (build/Code.js and Sidebar.html, exactly as uploaded) runs in an emulator of Apps Script. Nothing here talks to Google.'),
      h('p', {}, 'Keyboard: arrows move, Shift+arrows select, Enter or F2 edits, typing replaces, Alt+Enter adds a line break, Escape cancels, Delete clears, Space toggles a checkbox, Ctrl+C / Ctrl+V copy and paste blocks.'),
    );
  }
}

declare global {
  interface Window {
    mapspecPlayground?: App;
  }
}

const app = new App();
window.mapspecPlayground = app;
void app.start();
