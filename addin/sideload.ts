/**
 * How to sideload manifest.xml, in Chinese, for Excel on the web and desktop. `npm run sideload:addin`
 * prints it; `npm start` / `npm run dev:addin` can print it too (sideloadInstructions()).
 */
import { fileURLToPath } from 'node:url';

export const ADDIN_ID = '5b0d6c1e-3f2a-4c8e-9a41-7e2d5f9c4b18';

export function sideloadInstructions(origin = 'https://localhost:8787', manifest = 'manifest.xml'): string {
  return [
    `侧载 Excel 加载项（清单：${manifest}，任务窗格：${origin}/taskpane.html）`,
    '',
    '先确认：浏览器打开上面的任务窗格地址没有证书警告（本机开发用 office-addin-dev-certs 证书，见 npm run dev:addin）。',
    '',
    'Excel 网页版：',
    '  1. 在浏览器中打开一个工作簿（OneDrive / SharePoint 中的 .xlsx）。',
    '  2. 开始 → 加载项 → 更多加载项（或“高级…”）→ 我的加载项 → 上传我的加载项。',
    `  3. 选择 ${manifest}，点“上传”。“开始”选项卡右侧出现“四个一批”组，点“台账面板”。`,
    '',
    'Excel 桌面版（Windows）：',
    '  方法一（共享文件夹目录）：',
    '  1. 把 manifest.xml 所在文件夹共享，记下网络路径，如 \\\\本机名\\manifests。',
    '  2. 文件 → 选项 → 信任中心 → 信任中心设置 → 受信任的加载项目录：目录 URL 填该路径 → 添加目录 → 勾选“显示在菜单中” → 确定。',
    '  3. 重启 Excel → 开始 → 加载项 → 更多加载项 → 共享文件夹 → 选“四个一批台账” → 添加。',
    '  方法二（开发者注册表项，仅本机）：',
    `  reg add HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer /v ${ADDIN_ID} /t REG_SZ /d "<manifest.xml 的完整路径>" /f`,
    '  然后重启 Excel，“开始”选项卡出现“四个一批”组。',
    '',
    'Excel 桌面版（Mac）：',
    '  把 manifest.xml 复制到 ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/（没有 wef 就新建），重启 Excel，',
    '  开始 → 加载项 → 我的加载项 → 选“四个一批台账”。',
    '',
    '要求：Excel 2019 及以上或 Microsoft 365（ExcelApi 1.8）；Windows 需 WebView2（Edge）运行时。',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(sideloadInstructions());
