/**
 * SpreadsheetApp.getUi(): menus (custom and add-on), the sidebar, dialogs, alerts and prompts.
 * Building menus works in AuthMode NONE with no scope (all an add-on's onOpen may do there);
 * showing anything needs LIMITED and the script.container.ui scope. What the script showed is
 * recorded in ctx.effects; alert/prompt answers come from ctx.options.uiResponder.
 */
import { SCOPES, type ExecutionContext, type MenuSpec, type MethodPolicy, type UiRequest, type UiResponse } from '../context';
import { instrument } from '../context';
import { typeNames } from './messages';

type Ui = GoogleAppsScript.Base.Ui;
type Menu = GoogleAppsScript.Base.Menu;
type PromptResponse = GoogleAppsScript.Base.PromptResponse;
type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;

/** The add-on's name, which Sheets uses as the title of createAddonMenu() under Extensions. */
export const ADDON_MENU_TITLE = 'Mapspec';
/** Sheets sidebars are a fixed 300 px wide whatever width the HtmlOutput asks for. */
export const SIDEBAR_WIDTH = 300;

export const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;
export const ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as const;

const BUILD: MethodPolicy = { minAuth: 'NONE' };
const SHOW: MethodPolicy = { minAuth: 'LIMITED', scopes: [SCOPES.containerUi] };

interface Rendered {
  title: string;
  html: string;
  width: number;
  height: number;
}

class MenuImpl {
  private readonly _items: MenuSpec['items'] = [];
  constructor(
    private readonly _ctx: ExecutionContext,
    private readonly _title: string,
    private readonly _addon: boolean,
  ) {}

  _spec(): MenuSpec {
    return { title: this._title, addon: this._addon, items: structuredClone(this._items) };
  }
  addItem(caption: string, functionName: string): Menu {
    if (typeof caption !== 'string' || typeof functionName !== 'string') {
      throw this._ctx.argumentError('Ui.Menu.addItem', typeNames([caption, functionName]));
    }
    this._items.push({ kind: 'item', caption, functionName });
    return this as unknown as Menu;
  }
  addSeparator(): Menu {
    this._items.push({ kind: 'separator' });
    return this as unknown as Menu;
  }
  addSubMenu(menu: Menu): Menu {
    const spec = (menu as unknown as { _spec?: () => MenuSpec })._spec?.();
    if (!spec) throw this._ctx.argumentError('Ui.Menu.addSubMenu', typeNames([menu]));
    this._items.push({ kind: 'submenu', menu: spec });
    return this as unknown as Menu;
  }
  addToUi(): void {
    const spec = this._spec();
    const menus = this._ctx.effects.menus;
    // A menu added again replaces the earlier one of the same title (onOpen runs on every open).
    const at = menus.findIndex((m) => m.title === spec.title && m.addon === spec.addon);
    if (at >= 0) menus[at] = spec;
    else menus.push(spec);
  }
}

function render(ctx: ExecutionContext, method: string, output: unknown): Rendered {
  const r = output && typeof output === 'object' ? (output as { _render?: () => Rendered })._render?.() : undefined;
  if (!r) throw ctx.argumentError(`Ui.${method}`, typeNames([output]));
  return r;
}

/** The dialog arguments of alert/prompt: (prompt), (prompt, buttons), (title, prompt, buttons). */
function dialogArgs(args: unknown[], defaultButtons: string): { title: string; prompt: string; buttons: string } {
  if (args.length >= 3) return { title: String(args[0]), prompt: String(args[1]), buttons: String(args[2]) };
  if (args.length === 2) return { title: '', prompt: String(args[0]), buttons: String(args[1]) };
  return { title: '', prompt: String(args[0] ?? ''), buttons: defaultButtons };
}

class UiImpl {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(private readonly _ctx: ExecutionContext) {}

  private _menu(title: string, addon: boolean): Menu {
    const m = new MenuImpl(this._ctx, title, addon);
    return instrument(this._ctx, 'Menu', m, {}, BUILD) as unknown as Menu;
  }
  createAddonMenu(): Menu {
    return this._menu(ADDON_MENU_TITLE, true);
  }
  createMenu(caption: string): Menu {
    if (typeof caption !== 'string') throw this._ctx.argumentError('Ui.createMenu', typeNames([caption]));
    return this._menu(caption, false);
  }
  showSidebar(userInterface: HtmlOutput): void {
    const r = render(this._ctx, 'showSidebar', userInterface);
    this._ctx.effects.sidebar = { title: r.title, html: r.html, width: SIDEBAR_WIDTH };
  }
  showModalDialog(userInterface: HtmlOutput, title: string): void {
    const r = render(this._ctx, 'showModalDialog', userInterface);
    this._ctx.effects.dialogs.push({ title: String(title ?? r.title), html: r.html, width: r.width, height: r.height, modal: true });
  }
  showModelessDialog(userInterface: HtmlOutput, title: string): void {
    const r = render(this._ctx, 'showModelessDialog', userInterface);
    this._ctx.effects.dialogs.push({ title: String(title ?? r.title), html: r.html, width: r.width, height: r.height, modal: false });
  }
  private _ask(kind: UiRequest['kind'], args: unknown[]): UiResponse {
    const request: UiRequest = { kind, ...dialogArgs(args, 'OK') };
    const fallback: UiResponse = kind === 'alert' ? { button: 'OK' } : { button: 'CANCEL', text: '' };
    const response = this._ctx.options.uiResponder?.(request) ?? fallback;
    this._ctx.effects.alerts.push({ ...request, response });
    return response;
  }
  alert(...args: unknown[]): string {
    return this._ask('alert', args).button;
  }
  prompt(...args: unknown[]): PromptResponse {
    const response = this._ask('prompt', args);
    const pr = {
      getResponseText: () => response.text ?? '',
      getSelectedButton: () => response.button,
    };
    return instrument(this._ctx, 'PromptResponse', pr, {}, BUILD) as unknown as PromptResponse;
  }
}

export function createUi(ctx: ExecutionContext): Ui {
  const policies: Record<string, MethodPolicy> = {
    createAddonMenu: BUILD,
    createMenu: BUILD,
    showSidebar: SHOW,
    showModalDialog: SHOW,
    showModelessDialog: SHOW,
    alert: SHOW,
    prompt: SHOW,
  };
  return instrument(ctx, 'Ui', new UiImpl(ctx), policies, SHOW) as unknown as Ui;
}
