<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>DataPage</name>
    <message>
        <source>检查通过：数据库完整，{rows} 条操作记录前后一致。</source>
        <translation>Check passed: the database is intact and its {rows} audit records are consistent.</translation>
    </message>
    <message>
        <source>数据库文件有 {n} 处损坏。</source>
        <translation>The database file is damaged in {n} places.</translation>
    </message>
    <message>
        <source>操作记录从第 {id} 条起对不上，可能被本程序以外的方式改动过。</source>
        <translation>The audit records stop matching from record {id} on; they may have been changed outside this program.</translation>
    </message>
    <message>
        <source>数据库结构版本为 {found}，本程序需要版本 {wanted}。</source>
        <translation>The database schema is version {found}; this program needs version {wanted}.</translation>
    </message>
    <message>
        <source>接待记录缺少操作记录</source>
        <translation>Visits without an audit record</translation>
    </message>
    <message>
        <source>问题缺少操作记录</source>
        <translation>Issues without an audit record</translation>
    </message>
    <message>
        <source>问题缺少办理过程</source>
        <translation>Issues without a handling history</translation>
    </message>
    <message>
        <source>记录之间的关联不一致</source>
        <translation>Inconsistent links between records</translation>
    </message>
    <message>
        <source>{what}：{n} 条</source>
        <translation>{what}: {n}</translation>
    </message>
    <message>
        <source>检查发现问题，请先备份，再联系技术支持：</source>
        <translation>The check found problems. Make a backup first, then contact technical support:</translation>
    </message>
    <message>
        <source>数据与备份</source>
        <translation>Data and backups</translation>
    </message>
    <message>
        <source>所有记录都保存在本机的数据文件夹里。程序每 30 分钟和退出时自动备份。</source>
        <translation>All records are kept in this PC&apos;s data folder. The program backs them up every 30 minutes and when it exits.</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>备份时间</source>
        <translation>Taken at</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <source>运行完整检查</source>
        <translation>Run full check</translation>
    </message>
    <message>
        <source>检查数据库文件是否完整、操作记录是否前后一致。</source>
        <translation>Checks that the database file is intact and the audit records are consistent.</translation>
    </message>
    <message>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>还没有备份。</source>
        <translation>No backups yet.</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>备份完成。</source>
        <translation>Backup done.</translation>
    </message>
    <message>
        <source>备份没有完成。</source>
        <translation>The backup did not complete.</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>要用 {when} 的备份替换现在的数据吗？</source>
        <translation>Replace the current data with the backup from {when}?</translation>
    </message>
    <message>
        <source>这份备份之后录入的记录不会出现在恢复后的数据里。现在的数据库会先原样保存到隔离文件夹，不会删除。恢复完成后需要重新启动程序。</source>
        <translation>Records entered after this backup will not be in the restored data. The current database is first kept unchanged in the quarantine folder, not deleted. The program must be restarted after the restore.</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在恢复…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <source>已恢复，请重新启动程序。</source>
        <translation>Restored. Please restart the program.</translation>
    </message>
    <message>
        <source>恢复没有完成。</source>
        <translation>The restore did not complete.</translation>
    </message>
    <message>
        <source>正在检查，请稍候…</source>
        <translation>Checking, please wait…</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>今日概况</source>
        <translation>Today at a glance</translation>
    </message>
    <message>
        <source>今日接待</source>
        <translation>Visits today</translation>
    </message>
    <message>
        <source>批次来访</source>
        <translation>Reception visits registered</translation>
    </message>
    <message>
        <source>接待群众人次</source>
        <translation>People received</translation>
    </message>
    <message>
        <source>来访群众人数合计</source>
        <translation>Total number of visitors</translation>
    </message>
    <message>
        <source>今日登记问题</source>
        <translation>Issues registered today</translation>
    </message>
    <message>
        <source>含当场答复的问题</source>
        <translation>Including those answered on the spot</translation>
    </message>
    <message>
        <source>今日办结</source>
        <translation>Closed today</translation>
    </message>
    <message>
        <source>今天办结的问题</source>
        <translation>Issues closed today</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已交办，尚未办结</source>
        <translation>Referred, not yet closed</translation>
    </message>
    <message>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>超过办理期限仍未办结</source>
        <translation>Past the deadline and not closed</translation>
    </message>
    <message>
        <source>待回访</source>
        <translation>Awaiting callback</translation>
    </message>
    <message>
        <source>已办结，尚未回访群众</source>
        <translation>Closed, the resident not yet called back</translation>
    </message>
    <message>
        <source>今日工作</source>
        <translation>Today&apos;s work</translation>
    </message>
    <message>
        <source>办理情况</source>
        <translation>Case handling</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>联络站工作台</source>
        <translation>StationDesk</translation>
    </message>
    <message>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>数据与备份</source>
        <translation>Data and backups</translation>
    </message>
    <message>
        <source>正在打开数据…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <source>数据库没有打开</source>
        <translation>The database was not opened</translation>
    </message>
    <message>
        <source>退出程序</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>联络站工作台 — {name}</source>
        <translation>StationDesk — {name}</translation>
    </message>
    <message>
        <source>恢复数据…</source>
        <translation>Recover data…</translation>
    </message>
    <message>
        <source>数据库文件已损坏，程序没有打开它。</source>
        <translation>The database file is damaged; the program did not open it.</translation>
    </message>
    <message>
        <source>已用 {when} 的备份恢复数据。</source>
        <translation>Data restored from the backup of {when}.</translation>
    </message>
    <message>
        <source>已从备份恢复</source>
        <translation>Restored from backup</translation>
    </message>
    <message>
        <source>数据已从备份恢复。请重新启动联络站工作台。</source>
        <translation>The data was restored from the backup. Please restart StationDesk.</translation>
    </message>
    <message>
        <source>原来的数据库已原样保存在：{path}</source>
        <translation>The previous database was kept unchanged in: {path}</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>数据库需要恢复</source>
        <translation>The database needs recovery</translation>
    </message>
    <message>
        <source>数据库文件已损坏</source>
        <translation>The database file is damaged</translation>
    </message>
    <message>
        <source>启动检查发现数据库文件已损坏。为保护数据，程序没有打开它，也没有改动它。原文件已原样保存在隔离文件夹：</source>
        <translation>The start-up check found the database file damaged. To protect the data the program neither opened nor changed it. The original file was kept unchanged in the quarantine folder:</translation>
    </message>
    <message>
        <source>技术信息（供技术支持人员查看）</source>
        <translation>Technical details (for support staff)</translation>
    </message>
    <message>
        <source>可以用最新的备份恢复：{when}（{size}）。这份备份之后录入的记录将会缺失，缺多少条无法确定，请对照纸质登记补录。</source>
        <translation>You can restore the newest backup: {when} ({size}). Records entered after it will be missing, and how many cannot be known; re-enter them from the paper register.</translation>
    </message>
    <message>
        <source>没有找到可用的备份。请不要删除数据文件夹，并联系技术支持人员处理。</source>
        <translation>No usable backup was found. Do not delete the data folder; contact technical support.</translation>
    </message>
    <message>
        <source>恢复最新备份</source>
        <translation>Restore newest backup</translation>
    </message>
    <message>
        <source>打开隔离文件夹</source>
        <translation>Open quarantine folder</translation>
    </message>
    <message>
        <source>退出程序</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>正在恢复，请稍候…</source>
        <translation>Restoring, please wait…</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <source>例如 410205-01</source>
        <translation>e.g. 410205-01</translation>
    </message>
    <message>
        <source>例如 东关街道人大代表联络站</source>
        <translation>e.g. Dongguan Subdistrict Deputies&apos; Liaison Station</translation>
    </message>
    <message>
        <source>选填，例如 瀍河回族区</source>
        <translation>Optional, e.g. Chanhe Hui District</translation>
    </message>
    <message>
        <source>保存并开始使用</source>
        <translation>Save and start</translation>
    </message>
    <message>
        <source>联络站编码</source>
        <translation>Station code</translation>
    </message>
    <message>
        <source>县（区）行政区划代码加站点序号，只用数字、字母和“-”</source>
        <translation>County (district) division code plus the station&apos;s number; digits, letters and &quot;-&quot; only</translation>
    </message>
    <message>
        <source>联络站名称</source>
        <translation>Station name</translation>
    </message>
    <message>
        <source>所属县（区）</source>
        <translation>County (district)</translation>
    </message>
    <message>
        <source>本机编号</source>
        <translation>Device number</translation>
    </message>
    <message>
        <source>本站有几台电脑都用本程序时，每台填不同的编号</source>
        <translation>When several PCs of this station use the program, give each a different number</translation>
    </message>
    <message>
        <source>欢迎使用联络站工作台</source>
        <translation>Welcome to StationDesk</translation>
    </message>
    <message>
        <source>第一次使用，请先填写本联络站的基本信息。保存后即可开始工作。</source>
        <translation>First use: enter this liaison station&apos;s basic details. Once saved, you can start working.</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>StationStatusBar</name>
    <message>
        <source>未配置同步</source>
        <translation>Sync not set up</translation>
    </message>
    <message>
        <source>{name}（{code}）· 本机 {device:02d}</source>
        <translation>{name} ({code}) · device {device:02d}</translation>
    </message>
    <message>
        <source>数据库正常</source>
        <translation>Database OK</translation>
    </message>
    <message>
        <source>数据库需要检查</source>
        <translation>Database needs checking</translation>
    </message>
    <message>
        <source>尚无备份</source>
        <translation>No backup yet</translation>
    </message>
    <message>
        <source>最近备份：{when}</source>
        <translation>Last backup: {when}</translation>
    </message>
    <message>
        <source>自动备份失败</source>
        <translation>Automatic backup failed</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>此项必须填写。</source>
        <translation>This field is required.</translation>
    </message>
    <message>
        <source>内容过长：最多 {max_len} 个字，现在是 {length} 个字。</source>
        <translation>Too long: at most {max_len} characters, now {length}.</translation>
    </message>
    <message>
        <source>含有无法保存的字符，请删除后重新输入。</source>
        <translation>Contains characters that cannot be saved; delete them and type again.</translation>
    </message>
    <message>
        <source>填写的内容格式不对。</source>
        <translation>The value is not in the right form.</translation>
    </message>
    <message>
        <source>编码格式不对：只能用数字、字母和“-”，例如 410205-01。</source>
        <translation>Wrong code format: digits, letters and &quot;-&quot; only, e.g. 410205-01.</translation>
    </message>
    <message>
        <source>本机编号应在 1 到 99 之间。</source>
        <translation>The device number must be between 1 and 99.</translation>
    </message>
    <message>
        <source>这个数据文件夹已经设置过联络站，不能重复设置。</source>
        <translation>This data folder already has a station; it cannot be set up twice.</translation>
    </message>
    <message>
        <source>磁盘已满，这次没有保存成功。请清理磁盘后再试，已填写的内容仍然保留。</source>
        <translation>The disk is full and nothing was saved. Free some space and try again; what you typed is still here.</translation>
    </message>
    <message>
        <source>磁盘剩余空间不足，为保护已保存的数据，暂时不能新建记录。请先清理磁盘。</source>
        <translation>The disk is nearly full. To protect saved data, no new records can be created until you free some space.</translation>
    </message>
    <message>
        <source>数据库是由更新版本的联络站工作台创建的，请先升级本程序。</source>
        <translation>The database was made by a newer version of StationDesk; please upgrade this program.</translation>
    </message>
    <message>
        <source>数据库文件已损坏，程序没有打开它。请从备份恢复。</source>
        <translation>The database file is damaged and was not opened. Please restore from a backup.</translation>
    </message>
    <message>
        <source>备份完成后校验没有通过，这份备份已丢弃。请稍后再试。</source>
        <translation>The backup failed its verification and was discarded. Please try again later.</translation>
    </message>
    <message>
        <source>所选的备份文件已损坏，不能用来恢复。请选择另一份备份。</source>
        <translation>The chosen backup file is damaged and cannot be restored. Choose another backup.</translation>
    </message>
    <message>
        <source>联络站工作台已经在这台电脑上打开了这个数据文件夹。请使用已打开的窗口。</source>
        <translation>StationDesk already has this data folder open on this PC. Please use the window that is open.</translation>
    </message>
    <message>
        <source>所选文件不是联络站工作台的数据库备份，不能用来恢复。</source>
        <translation>The selected file is not a StationDesk database backup and cannot be restored.</translation>
    </message>
    <message>
        <source>所选备份属于另一个联络站（{backup}），本机是 {current}，没有恢复。</source>
        <translation>The selected backup belongs to another station ({backup}); this PC is {current}. Nothing was restored.</translation>
    </message>
    <message>
        <source>联络站编码</source>
        <translation>Station code</translation>
    </message>
    <message>
        <source>联络站名称</source>
        <translation>Station name</translation>
    </message>
    <message>
        <source>所属县（区）</source>
        <translation>County (district)</translation>
    </message>
    <message>
        <source>本机编号</source>
        <translation>Device number</translation>
    </message>
    <message>
        <source>发生意外错误，操作没有完成。请重试；如果反复出现，请联系技术支持。</source>
        <translation>An unexpected error stopped the operation. Try again; if it keeps happening, contact technical support.</translation>
    </message>
    <message>
        <source>操作没有完成（错误代码：{code}）。请联系技术支持。</source>
        <translation>The operation did not complete (error code: {code}). Please contact technical support.</translation>
    </message>
    <message>
        <source>操作没有完成</source>
        <translation>Operation not completed</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>formatting</name>
    <message>
        <source>yyyy年M月d日 dddd</source>
        <translation>dddd, d MMMM yyyy</translation>
    </message>
    <message>
        <source>yyyy年M月d日 HH:mm</source>
        <translation>d MMM yyyy HH:mm</translation>
    </message>
    <message>
        <source>今天 {time}</source>
        <translation>today {time}</translation>
    </message>
    <message>
        <source>M月d日 HH:mm</source>
        <translation>d MMM HH:mm</translation>
    </message>
</context>
</TS>
