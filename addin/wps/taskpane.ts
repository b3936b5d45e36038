/**
 * Start-up of the task pane in WPS 表格 (the page that Application.CreateTaskPane opens): the same
 * pane over the WPS adapter. No Office.js; WPS injects `Application` (and `wps`) before our script.
 */
import './polyfills.js';
import { useSettingsStore } from '../api.js';
import { etApplication } from '../host/wps/et.js';
import { createWpsWorkbook } from '../host/wps/index.js';
import { outsideHost, startPane } from '../pane.js';
import { isLedgerHeader } from '../workflow.js';
import { settingsStore } from './compat.js';

useSettingsStore(settingsStore());
if (etApplication()) startPane(createWpsWorkbook({ isLedgerHeader }), '');
else outsideHost('请在 WPS 表格中打开本加载项（四个一批 → 台账面板）。');
