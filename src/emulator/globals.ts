/**
 * Assembles the Apps Script globals of one execution from the emulated services. The set of names
 * here is exactly what a script sees: nothing from Node is added.
 */
import type { ExecutionContext } from './context';
import type { Emulator } from './emulator';
import { createSpreadsheetApp } from './spreadsheet';
import { createPropertiesService } from './services/properties';
import { createLockService } from './services/lock';
import { createCacheService } from './services/cache';
import { createMailApp } from './services/mail';
import { createSession } from './services/session';
import { createScriptApp } from './services/script-app';
import { createHtmlService } from './services/html';
import { createUtilities } from './services/utilities';
import { createConsole, createLogger } from './services/console';

export interface AppsScriptGlobals {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  LockService: GoogleAppsScript.Lock.LockService;
  CacheService: GoogleAppsScript.Cache.CacheService;
  MailApp: GoogleAppsScript.Mail.MailApp;
  Session: GoogleAppsScript.Base.Session;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  Logger: GoogleAppsScript.Base.Logger;
  console: Pick<Console, "log" | "info" | "warn" | "error">;
  [name: string]: unknown;
}

export function createServices(ctx: ExecutionContext, emulator: Emulator): AppsScriptGlobals {
  return {
    SpreadsheetApp: createSpreadsheetApp(ctx),
    PropertiesService: createPropertiesService(ctx),
    LockService: createLockService(ctx),
    CacheService: createCacheService(ctx),
    MailApp: createMailApp(ctx),
    Session: createSession(ctx),
    ScriptApp: createScriptApp(ctx),
    HtmlService: createHtmlService(ctx, emulator.readProjectFile),
    Utilities: createUtilities(ctx),
    Logger: createLogger(ctx),
    console: createConsole(ctx),
  };
}
