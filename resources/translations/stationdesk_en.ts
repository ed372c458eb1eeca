<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountsPage</name>
    <message>
        <source>账号与安全</source>
        <translation>Accounts and security</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Staff number</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>重设密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>选填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>添加账号</source>
        <translation>Add account</translation>
    </message>
    <message>
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source> 年</source>
        <translation> years</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>无操作自动锁屏</source>
        <translation>Lock after no input for</translation>
    </message>
    <message>
        <source>来访记录保存（办结闭环后）</source>
        <translation>Keep visits (after the loop closes)</translation>
    </message>
    <message>
        <source>未保存草稿保留</source>
        <translation>Keep unsaved drafts</translation>
    </message>
    <message>
        <source>清除到期记录…</source>
        <translation>Purge expired records…</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>锁屏与保存期限</source>
        <translation>Lock and retention</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>输错密码，等待到 {when}</source>
        <translation>Wrong passwords; waiting until {when}</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>已添加账号 {name}。</source>
        <translation>Account {name} added.</translation>
    </message>
    <message>
        <source>已解锁 {name}。</source>
        <translation>{name} unlocked.</translation>
    </message>
    <message>
        <source>已重设 {name} 的密码。</source>
        <translation>Password of {name} reset.</translation>
    </message>
    <message>
        <source>设置已保存。</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>没有到期的记录。</source>
        <translation>Nothing has expired.</translation>
    </message>
    <message>
        <source>将永久清除 {visits} 次来访（{cases} 件问题）和 {drafts} 份旧草稿：{cutoff} 之前已办结闭环的记录。清除后无法恢复（备份最多保留 100 天，会随之陆续过期）。</source>
        <translation>This permanently removes {visits} visits ({cases} issues) and {drafts} old drafts: records whose loop closed before {cutoff}. They cannot be brought back (backups are kept at most 100 days and age out with them).</translation>
    </message>
    <message>
        <source>清除到期记录</source>
        <translation>Purge expired records</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Purge</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已清除 {n} 次来访。</source>
        <translation>{n} visits purged.</translation>
    </message>
    <message>
        <source>另有程序正在读取数据库，日志文件未能清空，请关闭后再清除一次。</source>
        <translation> Another program is reading the database, so its log file could not be emptied; close it and purge once more.</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>登记履职活动</source>
        <translation>Record an activity</translation>
    </message>
    <message>
        <source>如：红旗机械厂</source>
        <translation>e.g. Hongqi Machinery Works</translation>
    </message>
    <message>
        <source> 人</source>
        <translation> people</translation>
    </message>
    <message>
        <source>了解到的情况、解决的问题（选填）</source>
        <translation>What was learned or solved (optional)</translation>
    </message>
    <message>
        <source>代表</source>
        <translation>Deputy</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>联系群众</source>
        <translation>People reached</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>AssignForm</name>
    <message>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Due date</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>登录</source>
        <translation>Sign-in</translation>
    </message>
    <message>
        <source>登录失败</source>
        <translation>Failed sign-in</translation>
    </message>
    <message>
        <source>接待登记</source>
        <translation>Visit registered</translation>
    </message>
    <message>
        <source>查看完整电话</source>
        <translation>Full phone shown</translation>
    </message>
    <message>
        <source>查看完整身份证号</source>
        <translation>Full ID number shown</translation>
    </message>
    <message>
        <source>问题登记</source>
        <translation>Issue registered</translation>
    </message>
    <message>
        <source>交办</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>记录进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Call-back</translation>
    </message>
    <message>
        <source>重新督办</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>转为代表建议</source>
        <translation>To deputy suggestion</translation>
    </message>
    <message>
        <source>合并重复</source>
        <translation>Merged duplicate</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>补打回执</source>
        <translation>Receipt reprinted</translation>
    </message>
    <message>
        <source>添加账号</source>
        <translation>Account added</translation>
    </message>
    <message>
        <source>解锁账号</source>
        <translation>Account unlocked</translation>
    </message>
    <message>
        <source>重设密码</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>回执设置</source>
        <translation>Receipt settings</translation>
    </message>
    <message>
        <source>锁屏时间</source>
        <translation>Idle lock time</translation>
    </message>
    <message>
        <source>保存期限</source>
        <translation>Retention</translation>
    </message>
    <message>
        <source>到期清除</source>
        <translation>Retention purge</translation>
    </message>
    <message>
        <source>联络站初始化</source>
        <translation>Station set up</translation>
    </message>
    <message>
        <source>导出审计日志</source>
        <translation>Audit log exported</translation>
    </message>
    <message>
        <source>同步收到办理经过</source>
        <translation>Handling received by sync</translation>
    </message>
    <message>
        <source>同步冲突待核对</source>
        <translation>Sync conflict to review</translation>
    </message>
    <message>
        <source>同步设置</source>
        <translation>Sync settings</translation>
    </message>
    <message>
        <source>恢复备份后确认同步</source>
        <translation>Sync confirmed after a restore</translation>
    </message>
    <message>
        <source>重新上传被拒绝的记录</source>
        <translation>Refused record sent again</translation>
    </message>
    <message>
        <source>忽略被拒绝的记录</source>
        <translation>Refused record ignored</translation>
    </message>
    <message>
        <source>来访与查看完整信息</source>
        <translation>Visits and full-detail views</translation>
    </message>
    <message>
        <source>问题办理</source>
        <translation>Case handling</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>联络站</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>县级同步</source>
        <translation>County sync</translation>
    </message>
    <message>
        <source>来访群众</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>来访</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Issues</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>锁屏分钟</source>
        <translation>Lock minutes</translation>
    </message>
    <message>
        <source>保存年数</source>
        <translation>Years kept</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>没有这个用户名</source>
        <translation>no such username</translation>
    </message>
    <message>
        <source>密码不对</source>
        <translation>wrong password</translation>
    </message>
    <message>
        <source>等待中</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>账号已停用</source>
        <translation>account disabled</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>审计链完整：共 {n} 条，未被改动。</source>
        <translation>The audit chain is whole: {n} records, unaltered.</translation>
    </message>
    <message>
        <source>审计链从第 {id} 条起对不上，可能被本程序以外的方式改动过。</source>
        <translation>The audit chain breaks at record {id}; it may have been altered outside this program.</translation>
    </message>
    <message>
        <source>全部用户</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>（未知用户名）</source>
        <translation>(unknown username)</translation>
    </message>
    <message>
        <source>显示最近的 {n} 条。</source>
        <translation>Showing the latest {n}.</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>已导出 {n} 条到 {path}</source>
        <translation>Exported {n} records to {path}</translation>
    </message>
</context>
<context>
    <name>CallbackForm</name>
    <message>
        <source>回访方式</source>
        <translation>How reached</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>请按群众本人的回答选择，不代填。</source>
        <translation>Choose what the resident said; never fill it in for them.</translation>
    </message>
    <message>
        <source>群众原话</source>
        <translation>Resident&apos;s own words</translation>
    </message>
    <message>
        <source>群众怎么说的，照实记录</source>
        <translation>Write down what the resident said, as said</translation>
    </message>
</context>
<context>
    <name>CaseDetailDialog</name>
    <message>
        <source>交办</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>记录进度</source>
        <translation>Record progress</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Call back</translation>
    </message>
    <message>
        <source>重新督办</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>转为代表建议</source>
        <translation>Make a suggestion</translation>
    </message>
    <message>
        <source>合并重复</source>
        <translation>Merge duplicate</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Correct</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <source>代表</source>
        <translation>Deputy</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>{label}：{value}</source>
        <translation>{label}: {value}</translation>
    </message>
    <message>
        <source>办理方式</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>引导至</source>
        <translation>Referred to</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>回访方式</source>
        <translation>How reached</translation>
    </message>
    <message>
        <source>群众原话</source>
        <translation>Resident&apos;s own words</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>新的办理期限</source>
        <translation>New due date</translation>
    </message>
    <message>
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>答复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>（清空）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>更正项目</source>
        <translation>Item to correct</translation>
    </message>
    <message>
        <source>改为</source>
        <translation>Changed to</translation>
    </message>
    <message>
        <source>主案件</source>
        <translation>Primary case</translation>
    </message>
    <message>
        <source>{action} — {case_no}</source>
        <translation>{action} — {case_no}</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>案件详情</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>办理过程</source>
        <translation>Handling history</translation>
    </message>
    <message>
        <source>补打回执</source>
        <translation>Reprint receipt</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>案件 {case_no}</source>
        <translation>Case {case_no}</translation>
    </message>
    <message>
        <source>未分类</source>
        <translation>No category</translation>
    </message>
    <message>
        <source>登记于 {time}</source>
        <translation>Registered {time}</translation>
    </message>
    <message>
        <source>第 {round} 轮</source>
        <translation>Round {round}</translation>
    </message>
    <message>
        <source>已并入 {case_no}</source>
        <translation>Merged into {case_no}</translation>
    </message>
    <message>
        <source>同步冲突待核对：县级有另一版本</source>
        <translation>Sync conflict to check: the county holds another version</translation>
    </message>
    <message>
        <source>办理期限：无</source>
        <translation>Due date: none</translation>
    </message>
    <message>
        <source>办理期限：{date}（超期）</source>
        <translation>Due date: {date} (overdue)</translation>
    </message>
    <message>
        <source>办理期限：{date}</source>
        <translation>Due date: {date}</translation>
    </message>
    <message>
        <source>查看完整</source>
        <translation>Show full</translation>
    </message>
    <message>
        <source>来访群众</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>{name} 等 {n} 人（集体来访）</source>
        <translation>{name} and others, {n} people (group visit)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Village (community)</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>{channel}（工单号 {no}）</source>
        <translation>{channel} (work order {no})</translation>
    </message>
    <message>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>接待代表</source>
        <translation>Deputies present</translation>
    </message>
    <message>
        <source>保密</source>
        <translation>Confidential</translation>
    </message>
    <message>
        <source>群众要求保密：代表只读视图和台账导出中不显示内容</source>
        <translation>The resident asked for confidentiality: the content is hidden from deputies&apos; read-only views and ledger exports</translation>
    </message>
    <message>
        <source>反映问题</source>
        <translation>Issue raised</translation>
    </message>
    <message>
        <source>诉求</source>
        <translation>Demand</translation>
    </message>
    <message>
        <source>现场答复</source>
        <translation>Answer given on the spot</translation>
    </message>
    <message>
        <source>负责代表</source>
        <translation>Responsible deputy</translation>
    </message>
    <message>
        <source>办理过程（{n} 条）</source>
        <translation>Handling history ({n})</translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <source>办理跟踪</source>
        <translation>Case tracking</translation>
    </message>
    <message>
        <source>查找：案件编号、姓名、电话（全号或后4位）、反映的问题</source>
        <translation>Find: case number, name, phone (full or last 4 digits), issue text</translation>
    </message>
    <message>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>待回访</source>
        <translation>Awaiting callback</translation>
    </message>
    <message>
        <source>清除条件</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>未办结</source>
        <translation>Not closed</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>办理方式</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>代表</source>
        <translation>Deputy</translation>
    </message>
    <message>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>已导出 {n} 件到 {path}</source>
        <translation>Exported {n} cases to {path}</translation>
    </message>
    <message>
        <source>共 {n} 件</source>
        <translation>{n} cases</translation>
    </message>
    <message>
        <source>没有找到与“{query}”有关的问题。
可以换个说法，或用案件编号、电话后4位查找；也可以清除筛选条件再试。</source>
        <translation>No issue matches “{query}”.
Try other words, a case number or the last 4 digits of a phone; or clear the filters.</translation>
    </message>
    <message>
        <source>没有符合筛选条件的问题。可以点“清除条件”查看全部。</source>
        <translation>No issue matches the filters. Click “Clear filters” to see all.</translation>
    </message>
    <message>
        <source>还没有登记过问题。在“接待登记”中登记的问题会出现在这里。</source>
        <translation>No issues registered yet. Issues registered at Reception appear here.</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>登记时间</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>来访群众</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>反映问题</source>
        <translation>Issue raised</translation>
    </message>
    <message>
        <source>办理方式</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>已超过办理期限，尚未办结</source>
        <translation>Past its due date and not closed</translation>
    </message>
    <message>
        <source>【保密】</source>
        <translation>[Confidential] </translation>
    </message>
    <message>
        <source>{date} 超期</source>
        <translation>{date} overdue</translation>
    </message>
</context>
<context>
    <name>CloseForm</name>
    <message>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>问题是怎样解决的</source>
        <translation>How the issue was solved</translation>
    </message>
</context>
<context>
    <name>CorrectForm</name>
    <message>
        <source>更正项目</source>
        <translation>Item to correct</translation>
    </message>
    <message>
        <source>（清空）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>改为</source>
        <translation>Changed to</translation>
    </message>
    <message>
        <source>更正原因</source>
        <translation>Reason for the correction</translation>
    </message>
    <message>
        <source>为什么要更正</source>
        <translation>Why the correction is needed</translation>
    </message>
</context>
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
        <source>操作记录缺少最近一次备份中已有的第 {id} 条：末尾的记录被删除或改写过。</source>
        <translation>The audit records lack record {id}, which the newest backup has: records at the end were deleted or rewritten.</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>来访记录</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>{kind} {label} 在本程序以外被删除（审计第 {id} 条之后）</source>
        <translation>{kind} {label} was deleted outside this program (after audit record {id})</translation>
    </message>
    <message>
        <source>{kind} {label} 在本程序以外被改动过（审计第 {id} 条之后）</source>
        <translation>{kind} {label} was changed outside this program (after audit record {id})</translation>
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
        <source>导入 Excel 台账…</source>
        <translation>Import Excel ledger…</translation>
    </message>
    <message>
        <source>把原来用 Excel 记的接待台账导进来；已导入过的行不会重复导入。</source>
        <translation>Bring in the reception ledger you kept in Excel; rows already imported are not imported again.</translation>
    </message>
    <message>
        <source>县级同步设置…</source>
        <translation>County sync settings…</translation>
    </message>
    <message>
        <source>县级服务器地址、CA 证书和本机令牌；从备份恢复后在这里恢复同步。</source>
        <translation>The county server address, CA certificate and this PC&apos;s token; resume sync here after a restore.</translation>
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
        <source>导入旧台账</source>
        <translation>Import old ledger</translation>
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
    <name>DayCellDelegate</name>
    <message>
        <source>上午 张建国</source>
        <translation>AM Zhang Jianguo</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>另有 {n} 班…</source>
        <translation>{n} more…</translation>
    </message>
</context>
<context>
    <name>DefinitionsDialog</name>
    <message>
        <source>统计口径</source>
        <translation>How figures are counted</translation>
    </message>
    <message>
        <source>各项数字按发生日期计入统计期间：以后再有重新督办或更正，不会改动已经报出的期间的数字。合并的重复问题只计主件。</source>
        <translation>Each figure counts in the period when it happened: later reopenings or corrections do not change figures already reported for a period. Merged duplicates count only the primary case.</translation>
    </message>
    <message>
        <source>分类统计：每组的征集件数是期内登记的问题（被合并件不计），办结件数是首次办结在期内的问题；没有填写该项的问题计入“（未填）”。按代表统计时，计代表参与接待的来访登记的问题和代表领办的问题，同一问题可计入多位代表。</source>
        <translation>By group: each group&apos;s collected count is the issues registered in the period (merged cases excluded); its closed count is the issues first closed in the period; issues with the item left blank count under “(not given)”. By deputy, the issues of visits the deputy received and the issues the deputy led are counted; one issue can count for several deputies.</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>满意 + 基本满意（默认）</source>
        <translation>Satisfied + basically satisfied (default)</translation>
    </message>
    <message>
        <source>仅满意（基本满意不计入）</source>
        <translation>Satisfied only (basically satisfied not counted)</translation>
    </message>
    <message>
        <source>保存口径</source>
        <translation>Save rule</translation>
    </message>
    <message>
        <source>本站满意率计入：</source>
        <translation>This station&apos;s satisfaction rate counts:</translation>
    </message>
</context>
<context>
    <name>DeputyCard</name>
    <message>
        <source>请选择一位代表</source>
        <translation>Select a deputy</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>状态：{s}</source>
        <translation>Status: {s}</translation>
    </message>
    <message>
        <source>单位及职务</source>
        <translation>Unit and post</translation>
    </message>
    <message>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>专业小组</source>
        <translation>Professional group</translation>
    </message>
    <message>
        <source>公开联系方式</source>
        <translation>Public contact</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>联系网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <source>下次值班</source>
        <translation>Next duty</translation>
    </message>
    <message>
        <source>{name} {n} 户</source>
        <translation>{name}, {n} households</translation>
    </message>
    <message>
        <source>联选民：{people}</source>
        <translation>Voters in contact: {people}</translation>
    </message>
    <message>
        <source>亮承诺：{text}</source>
        <translation>Commitment: {text}</translation>
    </message>
    <message>
        <source>状态记录：</source>
        <translation>Status history:</translation>
    </message>
</context>
<context>
    <name>DeputyDialog</name>
    <message>
        <source>{level}人大代表</source>
        <translation>{level} people&apos;s congress deputy</translation>
    </message>
    <message>
        <source>如：第十四届全国人民代表大会</source>
        <translation>e.g. 14th National People&apos;s Congress</translation>
    </message>
    <message>
        <source>如：河南省第十四届人民代表大会</source>
        <translation>e.g. 14th Henan Provincial People&apos;s Congress</translation>
    </message>
    <message>
        <source>如：洛阳市第十六届人民代表大会</source>
        <translation>e.g. 16th Luoyang Municipal People&apos;s Congress</translation>
    </message>
    <message>
        <source>如：县第十七届人民代表大会</source>
        <translation>e.g. 17th County People&apos;s Congress</translation>
    </message>
    <message>
        <source>如：镇第十七届人民代表大会</source>
        <translation>e.g. 17th Town People&apos;s Congress</translation>
    </message>
    <message>
        <source>届次</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>选区</source>
        <translation>Constituency</translation>
    </message>
    <message>
        <source>编辑代表信息</source>
        <translation>Edit deputy</translation>
    </message>
    <message>
        <source>新增代表</source>
        <translation>Add deputy</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>如：红旗村党支部书记</source>
        <translation>e.g. Party secretary, Hongqi village</translation>
    </message>
    <message>
        <source>如：农业农村组</source>
        <translation>e.g. Agriculture group</translation>
    </message>
    <message>
        <source>印在公示牌上，如：0379-65123456</source>
        <translation>Printed on the board, e.g. 0379-65123456</translation>
    </message>
    <message>
        <source>删除已存的手机号码</source>
        <translation>Remove the stored mobile number</translation>
    </message>
    <message>
        <source>本年度履职承诺，印在公示牌上（最多 1000 字）</source>
        <translation>This year&apos;s commitment, printed on the board (at most 1000 characters)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>单位及职务</source>
        <translation>Unit and post</translation>
    </message>
    <message>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>专业小组</source>
        <translation>Professional group</translation>
    </message>
    <message>
        <source>公开联系方式</source>
        <translation>Public contact</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>仅站内联系用，不公开</source>
        <translation>For the station only, never published</translation>
    </message>
    <message>
        <source>勾选代表联系的网格（联网格）</source>
        <translation>Tick the grids the deputy is linked to</translation>
    </message>
    <message>
        <source>联系对象</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>村/社区</source>
        <translation>Village / community</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>添加一行</source>
        <translation>Add a line</translation>
    </message>
    <message>
        <source>删除所选行</source>
        <translation>Remove selected lines</translation>
    </message>
    <message>
        <source>代表固定联系的选民或农户（联选民），如：红旗村三组，12 户</source>
        <translation>Voters or households the deputy keeps in contact with, e.g. Hongqi village group 3, 12 households</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>代表层级、届次与选区</source>
        <translation>Levels, terms and constituencies</translation>
    </message>
    <message>
        <source>联网格</source>
        <translation>Linked grids</translation>
    </message>
    <message>
        <source>联选民</source>
        <translation>Linked voters</translation>
    </message>
    <message>
        <source>亮承诺</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>选填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>现为 {masked}，不修改请留空</source>
        <translation>Now {masked}; leave empty to keep</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>这台电脑没有可用的打印机。可以先另存为 PDF。</source>
        <translation>This PC has no printer. You can save a PDF instead.</translation>
    </message>
    <message>
        <source>没有打印成功（{code}），请检查打印机。</source>
        <translation>Printing failed ({code}); please check the printer.</translation>
    </message>
    <message>
        <source>已发送到打印机 {name}。</source>
        <translation>Sent to printer {name}.</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>无法写入 {path}：{why}</source>
        <translation>Cannot write {path}: {why}</translation>
    </message>
    <message>
        <source>已另存为 {path}</source>
        <translation>Saved as {path}</translation>
    </message>
    <message>
        <source>亮身份公示牌</source>
        <translation>Deputy board</translation>
    </message>
    <message>
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>方向</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <source>纵向</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <source>横向</source>
        <translation>Landscape</translation>
    </message>
    <message>
        <source>值班公示</source>
        <translation>Duty notice</translation>
    </message>
    <message>
        <source>代表履职档案</source>
        <translation>Deputy performance record</translation>
    </message>
    <message>
        <source>履职情况汇总表</source>
        <translation>Performance summary</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <source>{start} 至 {end}</source>
        <translation>{start} to {end}</translation>
    </message>
    <message>
        <source>代表</source>
        <translation>Deputy</translation>
    </message>
    <message>
        <source>值班日期</source>
        <translation>Duty date</translation>
    </message>
    <message>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>签到时间</source>
        <translation>Signed in at</translation>
    </message>
    <message>
        <source>双击一行打开案件。姓名和电话已脱敏。</source>
        <translation>Double-click a row to open the case. Names and phones are masked.</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>每名代表在每个班次只计一次。</source>
        <translation>Each deputy counts once per shift.</translation>
    </message>
    <message>
        <source>{span}，共 {n} 人次</source>
        <translation>{span}: {n} attendances</translation>
    </message>
    <message>
        <source>{span}，共 {n} 件</source>
        <translation>{span}: {n} cases</translation>
    </message>
</context>
<context>
    <name>DutyPage</name>
    <message>
        <source>值班安排</source>
        <translation>Duty rota</translation>
    </message>
    <message>
        <source>生成轮值…</source>
        <translation>Make rotation…</translation>
    </message>
    <message>
        <source>打印值班公示…</source>
        <translation>Print duty notice…</translation>
    </message>
    <message>
        <source>‹ 上个月</source>
        <translation>‹ Previous month</translation>
    </message>
    <message>
        <source>下个月 ›</source>
        <translation>Next month ›</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>换人…</source>
        <translation>Replace…</translation>
    </message>
    <message>
        <source>调换…</source>
        <translation>Swap…</translation>
    </message>
    <message>
        <source>取消值班…</source>
        <translation>Cancel shift…</translation>
    </message>
    <message>
        <source>添加值班</source>
        <translation>Add shift</translation>
    </message>
    <message>
        <source>未签到</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>✓ 已签到</source>
        <translation>✓ Signed in</translation>
    </message>
    <message>
        <source>✗ 缺席</source>
        <translation>✗ Absent</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>上</source>
        <translation>AM</translation>
    </message>
    <message>
        <source>下</source>
        <translation>PM</translation>
    </message>
    <message>
        <source>全</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>{half} {name}</source>
        <translation>{half} {name}</translation>
    </message>
    <message>
        <source>已签退</source>
        <translation>Signed out</translation>
    </message>
    <message>
        <source>已签到</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <source>✓</source>
        <translation>✓</translation>
    </message>
    <message>
        <source>缺席</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>✗</source>
        <translation>✗</translation>
    </message>
    <message>
        <source>{half}  {name}  {state}</source>
        <translation>{half}  {name}  {state}</translation>
    </message>
    <message>
        <source>说明：{note}</source>
        <translation>Note: {note}</translation>
    </message>
    <message>
        <source>这一天没有值班安排</source>
        <translation>No shifts on this day</translation>
    </message>
    <message>
        <source>已签退 {time}</source>
        <translation>Signed out {time}</translation>
    </message>
    <message>
        <source>已签到 {time}</source>
        <translation>Signed in {time}</translation>
    </message>
    <message>
        <source>{day} {half} {name}</source>
        <translation>{day} {half} {name}</translation>
    </message>
    <message>
        <source>已安排 {name} {day} {half}值班。</source>
        <translation>{name} is on duty {day}, {half}.</translation>
    </message>
    <message>
        <source>已改由 {name} 值班。</source>
        <translation>{name} now takes the shift.</translation>
    </message>
    <message>
        <source>这个月没有可以调换的其他班次。</source>
        <translation>No other shift this month to swap with.</translation>
    </message>
    <message>
        <source>已调换：{a} ⇄ {b}。</source>
        <translation>Swapped: {a} ⇄ {b}.</translation>
    </message>
    <message>
        <source>取消值班</source>
        <translation>Cancel shift</translation>
    </message>
    <message>
        <source>取消 {shift} 的值班。取消后在日历上以灰色显示。</source>
        <translation>Cancel the shift {shift}. Cancelled shifts show in grey on the calendar.</translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>必填，例如：县人大集中培训</source>
        <translation>Required, e.g. county congress training</translation>
    </message>
    <message>
        <source>不取消</source>
        <translation>Keep shift</translation>
    </message>
    <message>
        <source>已取消 {shift} 的值班。</source>
        <translation>Cancelled the shift {shift}.</translation>
    </message>
    <message>
        <source>已生成 {n} 个班次。</source>
        <translation>{n} shifts added.</translation>
    </message>
</context>
<context>
    <name>DutySignInPanel</name>
    <message>
        <source>今日值班签到</source>
        <translation>Duty sign-in today</translation>
    </message>
    <message>
        <source>今天没有安排值班代表</source>
        <translation>No deputy on duty today</translation>
    </message>
    <message>
        <source>今日值班签到（{n}）</source>
        <translation>Duty sign-in today ({n})</translation>
    </message>
    <message>
        <source>{half} {name}</source>
        <translation>{half} {name}</translation>
    </message>
    <message>
        <source>说明迟到原因</source>
        <translation>Reason for signing in late</translation>
    </message>
    <message>
        <source>{shift} 已过签到时间，请填写迟到原因后签到。</source>
        <translation>{shift} is past the sign-in time: give the reason, then sign in.</translation>
    </message>
    <message>
        <source>迟到原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>例如：村里临时有事，晚到半小时</source>
        <translation>e.g. held up in the village for half an hour</translation>
    </message>
    <message>
        <source>记为缺席</source>
        <translation>Mark absent</translation>
    </message>
    <message>
        <source>将 {shift} 记为缺席。</source>
        <translation>Mark {shift} as absent.</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>选填，例如：请假、因公外出</source>
        <translation>Optional, e.g. on leave, away on official business</translation>
    </message>
    <message>
        <source>撤销签到记录</source>
        <translation>Undo attendance mark</translation>
    </message>
    <message>
        <source>撤销 {shift} 最近一次的签到、签退或缺席记录（原记录保留备查）。</source>
        <translation>Undo the latest sign-in, sign-out or absence of {shift} (the original mark is kept on record).</translation>
    </message>
    <message>
        <source>撤销原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>必填，例如：点错了人</source>
        <translation>Required, e.g. wrong person clicked</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>导出问题列表</source>
        <translation>Export the case list</translation>
    </message>
    <message>
        <source>脱敏导出：姓名、电话只显示部分，不含身份证号</source>
        <translation>Masked export: names and phones shown in part, no ID numbers</translation>
    </message>
    <message>
        <source>完整信息导出：含完整姓名、电话和身份证号</source>
        <translation>Full export: full names, phones and ID numbers</translation>
    </message>
    <message>
        <source>例：县人大常委会要求核对名单</source>
        <translation>e.g. the county congress office asked to check the list</translation>
    </message>
    <message>
        <source>完整信息导出须写明原因，会记入审计日志并印在文件第一行。</source>
        <translation>A full export needs a reason; it goes into the audit log and onto the first line of the file.</translation>
    </message>
    <message>
        <source>选择位置并导出…</source>
        <translation>Choose where and export…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>导出当前筛选条件下的全部问题；保密件的反映内容在脱敏导出中不显示。</source>
        <translation>Exports every case the current filter shows; confidential cases have their text withheld in a masked export.</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
</context>
<context>
    <name>FigureCard</name>
    <message>
        <source>{definition}
点击查看明细</source>
        <translation>{definition}
Click for details</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
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
    <message>
        <source>今天还没有来访登记</source>
        <translation>No visits registered today</translation>
    </message>
    <message>
        <source>到期与超期</source>
        <translation>Due and overdue</translation>
    </message>
    <message>
        <source>没有到期或超期的问题</source>
        <translation>Nothing due or overdue</translation>
    </message>
    <message>
        <source>没有待回访的问题</source>
        <translation>No call-backs due</translation>
    </message>
    <message>
        <source>今日待办</source>
        <translation>To do today</translation>
    </message>
    <message>
        <source>{time} {name}
{text}</source>
        <translation>{time} {name}
{text}</translation>
    </message>
    <message>
        <source>超期{n}天</source>
        <translation>{n} days overdue</translation>
    </message>
    <message>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>{n}天后到期</source>
        <translation>Due in {n} days</translation>
    </message>
    <message>
        <source>{when} {name}
{text}</source>
        <translation>{when} {name}
{text}</translation>
    </message>
    <message>
        <source>{name} {phone}
{text}</source>
        <translation>{name} {phone}
{text}</translation>
    </message>
</context>
<context>
    <name>IssueBlock</name>
    <message>
        <source>输入或选择，如 道路</source>
        <translation>Type or pick, e.g. roads</translation>
    </message>
    <message>
        <source>照群众原话记录</source>
        <translation>Record the resident&apos;s own words</translation>
    </message>
    <message>
        <source>群众希望怎样解决（选填）</source>
        <translation>How the resident wants it solved (optional)</translation>
    </message>
    <message>
        <source>现场办结</source>
        <translation>Settled on the spot</translation>
    </message>
    <message>
        <source>联络站督办</source>
        <translation>Supervised by the station</translation>
    </message>
    <message>
        <source>形成建议交办</source>
        <translation>Deputy suggestion</translation>
    </message>
    <message>
        <source>当场给群众的答复或解决情况</source>
        <translation>The answer or solution given on the spot</translation>
    </message>
    <message>
        <source>选填：不属人大职责、已引导群众去反映的部门或渠道</source>
        <translation>Optional: where the resident was referred when the matter is outside the congress&apos;s remit</translation>
    </message>
    <message>
        <source>输入或选择承办单位</source>
        <translation>Type or pick the handling unit</translation>
    </message>
    <message>
        <source>yyyy年M月d日</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>输入或选择代表</source>
        <translation>Type or pick a deputy</translation>
    </message>
    <message>
        <source>删除此问题</source>
        <translation>Remove this issue</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>反映问题</source>
        <translation>Issue raised</translation>
    </message>
    <message>
        <source>诉求</source>
        <translation>Demand</translation>
    </message>
    <message>
        <source>办理方式</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>答复内容</source>
        <translation>Answer given</translation>
    </message>
    <message>
        <source>引导至</source>
        <translation>Referred to</translation>
    </message>
    <message>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>建议代表</source>
        <translation>Deputy</translation>
    </message>
    <message>
        <source>问题 {n}</source>
        <translation>Issue {n}</translation>
    </message>
    <message>
        <source>按“{category}”办理时限 {days} 个工作日</source>
        <translation>{days} working days, the limit for “{category}”</translation>
    </message>
    <message>
        <source>默认 {days} 个工作日</source>
        <translation>{days} working days by default</translation>
    </message>
</context>
<context>
    <name>JobProgress</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>问题清单</source>
        <translation>Issue list</translation>
    </message>
    <message>
        <source>责任清单</source>
        <translation>Responsibility list</translation>
    </message>
    <message>
        <source>整改清单</source>
        <translation>Rectification list</translation>
    </message>
    <message>
        <source>销号清单</source>
        <translation>Closed-off list</translation>
    </message>
    <message>
        <source>评价清单</source>
        <translation>Rating list</translation>
    </message>
    <message>
        <source>问题清单：接待登记日期在期间内的全部问题（合并的重复问题不列入）。</source>
        <translation>Issue list: every issue from visits registered in the period (merged duplicates not listed).</translation>
    </message>
    <message>
        <source>责任清单：交承办单位或代表办理的问题中，期间结束时仍在办理或在期间内办结的；现场办结的不列入。</source>
        <translation>Responsibility list: issues assigned to a handling unit or deputy that were still in progress at the end of the period or closed in it; issues settled on the spot are not listed.</translation>
    </message>
    <message>
        <source>整改清单：期间结束时仍在办理的问题，以及期间内记录过办理进度的问题。</source>
        <translation>Rectification list: issues still in progress at the end of the period, and issues with progress recorded in the period.</translation>
    </message>
    <message>
        <source>销号清单：最后一次办结在期间内、回访评价为满意或基本满意并已闭环的问题。</source>
        <translation>Closed-off list: issues last closed in the period, rated satisfied or basically satisfied at call-back, with the loop closed.</translation>
    </message>
    <message>
        <source>评价清单：回访日期在期间内的每一次回访，一次一行。</source>
        <translation>Rating list: every call-back dated in the period, one row each.</translation>
    </message>
    <message>
        <source> 办理状态、满意度为生成时的情况；个人信息已脱敏。</source>
        <translation> Status and satisfaction are as at generation; personal details are masked.</translation>
    </message>
    <message>
        <source>台账</source>
        <translation>Ledgers</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>本季度</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>含完整个人信息</source>
        <translation>Include full personal details</translation>
    </message>
    <message>
        <source>仅站点管理员可用：导出完整姓名、电话和住址，须写明原因并记入审计日志。</source>
        <translation>Station administrators only: exports full names, phones and addresses; a reason is required and is written to the audit log.</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>导出 PDF/打印…</source>
        <translation>Export PDF/Print…</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>共 {n} 行</source>
        <translation>{n} rows</translation>
    </message>
    <message>
        <source>导出完整个人信息</source>
        <translation>Export full personal details</translation>
    </message>
    <message>
        <source>导出的文件含完整姓名、电话和住址。请写明原因，会记入审计日志并写在文件开头。</source>
        <translation>The exported file contains full names, phones and addresses. Give a reason; it is written to the audit log and at the top of the file.</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>继续</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>例：县人大常委会要求核对名单</source>
        <translation>e.g. The county people&apos;s congress standing committee asked to check the list</translation>
    </message>
    <message>
        <source>请写明导出完整信息的原因。</source>
        <translation>Please give the reason for exporting full details.</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出{name}…</source>
        <translation>Exporting {name}…</translation>
    </message>
    <message>
        <source>已导出 {n} 行到 {path}</source>
        <translation>Exported {n} rows to {path}</translation>
    </message>
    <message>
        <source>已取消导出，没有生成文件。</source>
        <translation>Export cancelled; no file was created.</translation>
    </message>
    <message>
        <source>正在导出{name}：{done} / {total} 行</source>
        <translation>Exporting {name}: {done} / {total} rows</translation>
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
        <source>接待登记</source>
        <translation>Reception</translation>
    </message>
    <message>
        <source>办理跟踪</source>
        <translation>Case tracking</translation>
    </message>
    <message>
        <source>统计报表</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>代表名册</source>
        <translation>Deputies</translation>
    </message>
    <message>
        <source>值班安排</source>
        <translation>Duty rota</translation>
    </message>
    <message>
        <source>履职档案</source>
        <translation>Performance records</translation>
    </message>
    <message>
        <source>台账</source>
        <translation>Ledgers</translation>
    </message>
    <message>
        <source>数据与备份</source>
        <translation>Data and backups</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>账号与安全</source>
        <translation>Accounts and security</translation>
    </message>
    <message>
        <source>正在打开数据…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <source>正在准备…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <source>操作记录从第 {id} 条起对不上，可能被本程序以外的方式改动过，请站点管理员在“数据与备份”中运行完整检查。</source>
        <translation>The audit records stop matching from record {id}; they may have been changed outside this program. The station administrator should run the full check under Data and backups.</translation>
    </message>
    <message>
        <source>密码已修改。</source>
        <translation>Password changed.</translation>
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
        <source>今天已接待 {visits} 人次 · 待办 {open} 件 · 超期 {overdue} 件。请登录。</source>
        <translation>Today: {visits} visits · {open} open · {overdue} overdue. Please sign in.</translation>
    </message>
    <message>
        <source>同步完成：上传 {pushed} 条，收到县级办理经过 {events} 条。</source>
        <translation>Sync done: {pushed} records sent, {events} county handling entries received.</translation>
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
    <name>MergeForm</name>
    <message>
        <source>主案件编号</source>
        <translation>Primary case number</translation>
    </message>
    <message>
        <source>本案件将作为重复件并入主案件，统计时只计主案件。</source>
        <translation>This case becomes a duplicate of the primary case; figures count the primary only.</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>现在的密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再输一次新密码</source>
        <translation>New password again</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>两次输入的新密码不一样，请重新输入。</source>
        <translation>The two new passwords differ. Please type them again.</translation>
    </message>
</context>
<context>
    <name>PerformancePage</name>
    <message>
        <source>进站履职</source>
        <translation>Duty days</translation>
    </message>
    <message>
        <source>接待群众</source>
        <translation>Residents</translation>
    </message>
    <message>
        <source>收集问题</source>
        <translation>Issues</translation>
    </message>
    <message>
        <source>形成建议</source>
        <translation>Suggestions</translation>
    </message>
    <message>
        <source>走访企业</source>
        <translation>Enterprise visits</translation>
    </message>
    <message>
        <source>走访群众</source>
        <translation>Resident visits</translation>
    </message>
    <message>
        <source>调研</source>
        <translation>Research</translation>
    </message>
    <message>
        <source>宣讲</source>
        <translation>Publicity</translation>
    </message>
    <message>
        <source>监督检查</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>监督/执法检查</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <source>{item}（次）</source>
        <translation>{item} (times)</translation>
    </message>
    <message>
        <source>{item}（人次）</source>
        <translation>{item} (people)</translation>
    </message>
    <message>
        <source>{item}（件）</source>
        <translation>{item} (items)</translation>
    </message>
    <message>
        <source>收集反映问题</source>
        <translation>Issues collected</translation>
    </message>
    <message>
        <source>形成代表建议</source>
        <translation>Suggestions formed</translation>
    </message>
    <message>
        <source>履职档案</source>
        <translation>Performance records</translation>
    </message>
    <message>
        <source> 年</source>
        <translation> (year)</translation>
    </message>
    <message>
        <source>全年</source>
        <translation>Whole year</translation>
    </message>
    <message>
        <source>上半年</source>
        <translation>First half</translation>
    </message>
    <message>
        <source>下半年</source>
        <translation>Second half</translation>
    </message>
    <message>
        <source>第一季度</source>
        <translation>Q1</translation>
    </message>
    <message>
        <source>第二季度</source>
        <translation>Q2</translation>
    </message>
    <message>
        <source>第三季度</source>
        <translation>Q3</translation>
    </message>
    <message>
        <source>第四季度</source>
        <translation>Q4</translation>
    </message>
    <message>
        <source>打印履职档案…</source>
        <translation>Print record…</translation>
    </message>
    <message>
        <source>打印汇总表…</source>
        <translation>Print summary…</translation>
    </message>
    <message>
        <source>积分规则…</source>
        <translation>Points rules…</translation>
    </message>
    <message>
        <source>进站履职：值班签到的班次；接待群众：代表参与接待的来访人数合计；收集反映问题：这些来访登记的问题及代表领办的问题；形成代表建议：建议的形成日期在期间内。“完成/任务”达到任务数显示为绿色。</source>
        <translation>Duty days: shifts signed in; residents: people of the visits the deputy received; issues: cases from those visits and cases led by the deputy; suggestions: formed in the period. &quot;Done/quota&quot; turns green when the quota is met.</translation>
    </message>
    <message>
        <source>履职活动</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>登记履职活动…</source>
        <translation>Record an activity…</translation>
    </message>
    <message>
        <source>删除所选活动…</source>
        <translation>Remove selected activity…</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>联系群众</source>
        <translation>People reached</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>代表</source>
        <translation>Deputy</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>{name} 的履职活动（{n}）</source>
        <translation>Activities of {name} ({n})</translation>
    </message>
    <message>
        <source>履职活动（请在上表选择一位代表）</source>
        <translation>Activities (select a deputy above)</translation>
    </message>
    <message>
        <source>已登记履职活动。</source>
        <translation>Activity recorded.</translation>
    </message>
    <message>
        <source>删除这条履职活动记录（原记录保留备查）。</source>
        <translation>Remove this activity record (the original is kept for reference).</translation>
    </message>
    <message>
        <source>删除原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>必填，例如：重复录入</source>
        <translation>Required, e.g. entered twice</translation>
    </message>
    <message>
        <source>已删除这条活动记录。</source>
        <translation>Activity removed.</translation>
    </message>
    <message>
        <source>删除履职活动</source>
        <translation>Remove activity</translation>
    </message>
    <message>
        <source>积分规则已保存。</source>
        <translation>Points rules saved.</translation>
    </message>
    <message>
        <source>请先在上表选择一位代表。</source>
        <translation>Select a deputy in the table first.</translation>
    </message>
</context>
<context>
    <name>PeriodBar</name>
    <message>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>季</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>年</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>上一期</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <source>下一期</source>
        <translation>Next period</translation>
    </message>
    <message>
        <source> 年</source>
        <translation> (year)</translation>
    </message>
    <message>
        <source>{m} 月</source>
        <translation>Month {m}</translation>
    </message>
    <message>
        <source>第一季度</source>
        <translation>Q1</translation>
    </message>
    <message>
        <source>第二季度</source>
        <translation>Q2</translation>
    </message>
    <message>
        <source>第三季度</source>
        <translation>Q3</translation>
    </message>
    <message>
        <source>第四季度</source>
        <translation>Q4</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>结束日期早于开始日期</source>
        <translation>The end date is before the start date</translation>
    </message>
    <message>
        <source>{start} 至 {end}，共 {days} 天</source>
        <translation>{start} to {end}, {days} days</translation>
    </message>
</context>
<context>
    <name>ProgressForm</name>
    <message>
        <source>办理进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>例如：已与承办单位联系，预计下周完成</source>
        <translation>e.g. Contacted the handling unit, expected done next week</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>换人</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>{shift} 改由另一位代表值班。</source>
        <translation>Another deputy takes the shift {shift}.</translation>
    </message>
    <message>
        <source>选填，例如：出差，由李秀英代班</source>
        <translation>Optional, e.g. away on business, Li Xiuying stands in</translation>
    </message>
    <message>
        <source>改由</source>
        <translation>New deputy</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>ReceiptPreview</name>
    <message>
        <source>A4 两联（存根联＋回执联）</source>
        <translation>A4 two-part (stub + receipt)</translation>
    </message>
    <message>
        <source>A5 单联</source>
        <translation>A5 single</translation>
    </message>
    <message>
        <source>80 毫米热敏纸</source>
        <translation>80 mm thermal roll</translation>
    </message>
    <message>
        <source>找不到这台打印机，请重新选择。</source>
        <translation>This printer cannot be found. Please choose again.</translation>
    </message>
    <message>
        <source>打印机没有准备好，请检查电源、纸张和连接后再试。</source>
        <translation>The printer is not ready. Check power, paper and cable, then try again.</translation>
    </message>
    <message>
        <source>回执生成失败，请重试。</source>
        <translation>The receipt could not be made. Please try again.</translation>
    </message>
    <message>
        <source>这台打印机不支持这种纸张，请换一种纸张或打印机。</source>
        <translation>This printer does not take this paper size. Choose another paper or printer.</translation>
    </message>
</context>
<context>
    <name>ReceiptPreviewDialog</name>
    <message>
        <source>补打回执</source>
        <translation>Reprint receipt</translation>
    </message>
    <message>
        <source>打印回执</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>默认取反映内容的开头</source>
        <translation>Defaults to the start of the issue text</translation>
    </message>
    <message>
        <source>打印机设置…</source>
        <translation>Printer settings…</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>回执上的事项摘要（不超过 60 字）</source>
        <translation>Summary on the receipt (at most 60 characters)</translation>
    </message>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>回执不显示身份证号和完整手机号；反映内容只印摘要。</source>
        <translation>Receipts never show the ID number or the full mobile number; only a summary of the issue is printed.</translation>
    </message>
    <message>
        <source>回执设置…</source>
        <translation>Receipt settings…</translation>
    </message>
    <message>
        <source>打印（Ctrl+P）</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>本机没有可用的打印机</source>
        <translation>No printer on this PC</translation>
    </message>
    <message>
        <source>本机没有可用的打印机，可以先另存为 PDF。</source>
        <translation>There is no printer on this PC. You can save the receipt as a PDF.</translation>
    </message>
    <message>
        <source>打印全部 {n} 张（Ctrl+P）</source>
        <translation>Print all {n} (Ctrl+P)</translation>
    </message>
    <message>
        <source>已发送到打印机 {printer}：{n} 张回执。</source>
        <translation>Sent to printer {printer}: {n} receipt(s).</translation>
    </message>
    <message>
        <source>只打印了 {sent}/{total} 张：{problem}</source>
        <translation>Only {sent} of {total} printed: {problem}</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>已另存为 {path}</source>
        <translation>Saved as {path}</translation>
    </message>
</context>
<context>
    <name>ReceiptSettingsDialog</name>
    <message>
        <source>回执设置</source>
        <translation>Receipt settings</translation>
    </message>
    <message>
        <source>例：工作日 9:00-17:00</source>
        <translation>e.g. weekdays 9:00-17:00</translation>
    </message>
    <message>
        <source>联络站电话</source>
        <translation>Station phone</translation>
    </message>
    <message>
        <source>接待时间（印在回执上）</source>
        <translation>Opening hours (printed on receipts)</translation>
    </message>
    <message>
        <source>查询网址（可不填）</source>
        <translation>Query web address (optional)</translation>
    </message>
    <message>
        <source>填写后，回执上的二维码带有这个网址和受理编号、查询码。</source>
        <translation>When set, the receipt&apos;s QR code carries this address with the case number and query code.</translation>
    </message>
    <message>
        <source>个人信息告知（不超过 200 字，不填则用默认文字）</source>
        <translation>Personal-information notice (at most 200 characters; empty = default text)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReceptionPage</name>
    <message>
        <source>村（社区）</source>
        <translation>Village (community)</translation>
    </message>
    <message>
        <source>在场代表</source>
        <translation>Deputies present</translation>
    </message>
    <message>
        <source>接待登记</source>
        <translation>Reception</translation>
    </message>
    <message>
        <source>回车：下一项 · 多行文字中 Ctrl+回车：下一项 · Ctrl+↓：下一部分 · Ctrl+N：添加问题 · Ctrl+S：保存 · Esc：清空</source>
        <translation>Enter: next field · Ctrl+Enter in multi-line text: next field · Ctrl+↓: next part · Ctrl+N: add an issue · Ctrl+S: save · Esc: clear</translation>
    </message>
    <message>
        <source>12345 热线工单上的编号</source>
        <translation>The number on the 12345 hotline work order</translation>
    </message>
    <message>
        <source>工单编号</source>
        <translation>Work order no.</translation>
    </message>
    <message>
        <source> 人</source>
        <translation> people</translation>
    </message>
    <message>
        <source>群众要求保密</source>
        <translation>Resident asks for confidentiality</translation>
    </message>
    <message>
        <source>反映内容不在代表只读页面和台账导出中显示</source>
        <translation>The content is hidden from deputies&apos; read-only views and ledger exports</translation>
    </message>
    <message>
        <source>代表名册中还没有在任代表。</source>
        <translation>The deputy roster has no serving deputies yet.</translation>
    </message>
    <message>
        <source>接待情况</source>
        <translation>Reception details</translation>
    </message>
    <message>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>来访人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>已勾选今天值班的代表；空格键勾选或取消</source>
        <translation>Today&apos;s duty deputies are checked; Space checks or unchecks</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>手机或固定电话</source>
        <translation>Mobile or landline</translation>
    </message>
    <message>
        <source>选填，18 位</source>
        <translation>Optional, 18 characters</translation>
    </message>
    <message>
        <source>选填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>输入或选择</source>
        <translation>Type or pick</translation>
    </message>
    <message>
        <source>输入或选择网格</source>
        <translation>Type or pick a grid</translation>
    </message>
    <message>
        <source>来访群众</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>保存时校验；保存后只显示部分号码</source>
        <translation>Checked on saving; only partly shown afterwards</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>＋ 添加问题（Ctrl+N）</source>
        <translation>+ Add an issue (Ctrl+N)</translation>
    </message>
    <message>
        <source>清空（Esc）</source>
        <translation>Clear (Esc)</translation>
    </message>
    <message>
        <source>保存（Ctrl+S）</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>打印回执（Ctrl+P）</source>
        <translation>Print receipt (Ctrl+P)</translation>
    </message>
    <message>
        <source>来访</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone call</translation>
    </message>
    <message>
        <source>扫码</source>
        <translation>QR code</translation>
    </message>
    <message>
        <source>网格员/民情联络员转来</source>
        <translation>Referred by a grid worker</translation>
    </message>
    <message>
        <source>12345热线转来</source>
        <translation>Referred by the 12345 hotline</translation>
    </message>
    <message>
        <source>代表走访收集</source>
        <translation>Collected by a deputy</translation>
    </message>
    <message>
        <source>信件</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>流动工作站</source>
        <translation>Mobile station</translation>
    </message>
    <message>
        <source>个人信息告知：{notice}</source>
        <translation>Personal information notice: {notice}</translation>
    </message>
    <message>
        <source>恢复草稿</source>
        <translation>Restore draft</translation>
    </message>
    <message>
        <source>发现未保存的登记草稿（{time}），是否恢复？</source>
        <translation>An unsaved registration draft was found ({time}). Restore it?</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>已恢复草稿</source>
        <translation>Draft restored</translation>
    </message>
    <message>
        <source>放弃草稿</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <source>放弃后这份草稿将被删除，不能找回。确定放弃吗？</source>
        <translation>The draft will be deleted and cannot be recovered. Discard it?</translation>
    </message>
    <message>
        <source>确定放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>草稿已自动保存</source>
        <translation>Draft saved automatically</translation>
    </message>
    <message>
        <source>草稿未能自动保存</source>
        <translation>Draft could not be saved</translation>
    </message>
    <message>
        <source>删除问题</source>
        <translation>Remove issue</translation>
    </message>
    <message>
        <source>删除“{title}”及其中填写的内容？</source>
        <translation>Remove “{title}” and everything typed in it?</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source> 等</source>
        <translation> and more</translation>
    </message>
    <message>
        <source>该群众以前反映过 {n} 件：{cases}</source>
        <translation>This resident raised {n} earlier issues: {cases}</translation>
    </message>
    <message>
        <source>同名群众以前反映过 {n} 件：{cases}（按姓名查到，请核对是否同一人）</source>
        <translation>A resident of the same name raised {n} earlier issues: {cases} (found by name; check it is the same person)</translation>
    </message>
    <message>
        <source>（保密）</source>
        <translation>(confidential)</translation>
    </message>
    <message>
        <source>这个工单编号已经登记过：{cases}。请确认不是重复登记。</source>
        <translation>This work order number is already on file: {cases}. Make sure this is not a duplicate.</translation>
    </message>
    <message>
        <source>列表中没有这一项，请从列表中选择，或清空此项。</source>
        <translation>Not in the list: pick an entry from the list, or clear the field.</translation>
    </message>
    <message>
        <source>没有保存：请先改正标红的项目。</source>
        <translation>Not saved: correct the fields marked in red first.</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>已保存：案件编号 {cases}</source>
        <translation>Saved: case numbers {cases}</translation>
    </message>
    <message>
        <source>没有保存：{reason}</source>
        <translation>Not saved: {reason}</translation>
    </message>
    <message>
        <source>清空登记</source>
        <translation>Clear registration</translation>
    </message>
    <message>
        <source>清空本次登记？已填写的内容将被删除，不能找回。</source>
        <translation>Clear this registration? Everything typed will be deleted and cannot be recovered.</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
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
    <name>RegisterImportDialog</name>
    <message>
        <source>导入 Excel 台账</source>
        <translation>Import Excel ledger</translation>
    </message>
    <message>
        <source>选择原有的接待台账（Excel .xlsx），核对每一列对应的内容，先检查，再导入。台账不必改成模板的样子；有任何一行出错，整份都不导入；已导入过的行不会重复导入。</source>
        <translation>Choose your existing reception ledger (Excel .xlsx), check what each column maps to, check the file, then import. The ledger need not match the template; if any row has an error, nothing is imported; rows already imported are not imported again.</translation>
    </message>
    <message>
        <source>选择 Excel 文件…</source>
        <translation>Choose Excel file…</translation>
    </message>
    <message>
        <source>还没有选择文件</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <source>下载参考模板…</source>
        <translation>Save the template…</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Worksheet</translation>
    </message>
    <message>
        <source>表格中的列</source>
        <translation>Column in the sheet</translation>
    </message>
    <message>
        <source>对应到</source>
        <translation>Maps to</translation>
    </message>
    <message>
        <source>前几行的内容</source>
        <translation>First rows</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>选择接待台账</source>
        <translation>Choose the reception ledger</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>列的对应沿用上次为同样表头保存的设置</source>
        <translation>Column mapping reuses the settings saved last time for the same headers</translation>
    </message>
    <message>
        <source>列的对应是按列名猜的，请逐列核对</source>
        <translation>Column mapping was guessed from the column names; please check each column</translation>
    </message>
    <message>
        <source>表头在第 {row} 行，下面共 {n} 行。{origin}。</source>
        <translation>Headers are on row {row}, with {n} rows below. {origin}.</translation>
    </message>
    <message>
        <source>（第 {n} 列，无列名）</source>
        <translation>(column {n}, no name)</translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation>(do not import)</translation>
    </message>
    <message>
        <source>请核对每一列对应的内容，然后点“检查”。</source>
        <translation>Check what each column maps to, then click “Check”.</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>整个文件</source>
        <translation>Whole file</translation>
    </message>
    <message>
        <source>提示：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>读取 {rows} 行：新的 {new} 行，以前已导入 {old} 行</source>
        <translation>Read {rows} rows: {new} new, {old} imported before</translation>
    </message>
    <message>
        <source>；发现 {n} 处问题，请改好表格或列的对应后重新检查。</source>
        <translation>; found {n} problems. Correct the sheet or the column mapping and check again.</translation>
    </message>
    <message>
        <source>；没有发现问题，可以导入。</source>
        <translation>; no problems found, ready to import.</translation>
    </message>
    <message>
        <source>；没有需要导入的新行。</source>
        <translation>; no new rows to import.</translation>
    </message>
    <message>
        <source>正在导入台账…</source>
        <translation>Importing ledger…</translation>
    </message>
    <message>
        <source>正在导入台账：{done} / {total} 行</source>
        <translation>Importing ledger: {done} / {total} rows</translation>
    </message>
    <message>
        <source>已导入 {visits} 次来访、{cases} 件问题；以前已导入、这次跳过 {old} 行。导入的记录和新登记的一样，会同步到县里。</source>
        <translation>Imported {visits} visits and {cases} issues; skipped {old} rows imported before. Imported records sync to the county just like new registrations.</translation>
    </message>
    <message>
        <source>保存参考模板</source>
        <translation>Save the template</translation>
    </message>
    <message>
        <source>参考模板已保存到 {path}</source>
        <translation>Template saved to {path}</translation>
    </message>
</context>
<context>
    <name>ReopenForm</name>
    <message>
        <source>重新督办原因</source>
        <translation>Reason for reopening</translation>
    </message>
    <message>
        <source>群众不满意的地方</source>
        <translation>What the resident is not satisfied with</translation>
    </message>
    <message>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <source>不变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>新的办理期限</source>
        <translation>New due date</translation>
    </message>
    <message>
        <source>第 {round} 轮督办</source>
        <translation>Supervision round {round}</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <source>完整联系电话</source>
        <translation>the full phone number</translation>
    </message>
    <message>
        <source>完整身份证号</source>
        <translation>the full ID number</translation>
    </message>
    <message>
        <source>查看{what}</source>
        <translation>Show {what}</translation>
    </message>
    <message>
        <source>查看{what}会记入审计日志。请写明原因：</source>
        <translation>Showing {what} is written to the audit log. Please give the reason:</translation>
    </message>
    <message>
        <source>例如：电话回访需要</source>
        <translation>e.g. needed for a call-back</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>Show</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <source>从 Excel 导入代表名册</source>
        <translation>Import the roster from Excel</translation>
    </message>
    <message>
        <source>请按模板整理名册（每位代表一行），先检查，没有问题后再导入。有任何一行不对，整份都不会导入，请改好后重新检查。</source>
        <translation>Arrange the roster as in the template (one deputy per row), check it, then import. If any row is wrong nothing is imported; correct it and check again.</translation>
    </message>
    <message>
        <source>下载导入模板…</source>
        <translation>Save the template…</translation>
    </message>
    <message>
        <source>选择 Excel 文件并检查…</source>
        <translation>Choose an Excel file and check…</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>保存导入模板</source>
        <translation>Save the import template</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>模板已保存到 {path}</source>
        <translation>Template saved to {path}</translation>
    </message>
    <message>
        <source>选择代表名册</source>
        <translation>Choose the roster</translation>
    </message>
    <message>
        <source>整个文件</source>
        <translation>Whole file</translation>
    </message>
    <message>
        <source>读取 {rows} 行，发现 {n} 处问题，请改好后重新检查。</source>
        <translation>Read {rows} rows, found {n} problems; correct them and check again.</translation>
    </message>
    <message>
        <source>读取 {rows} 行，没有发现问题，可以导入 {n} 名代表。</source>
        <translation>Read {rows} rows, no problems; {n} deputies can be imported.</translation>
    </message>
    <message>
        <source>已导入 {n} 名代表。</source>
        <translation>Imported {n} deputies.</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>{level}人大代表</source>
        <translation>{level} people&apos;s congress deputy</translation>
    </message>
    <message>
        <source>代表名册</source>
        <translation>Deputy roster</translation>
    </message>
    <message>
        <source>姓名、单位或专业小组</source>
        <translation>Name, unit or group</translation>
    </message>
    <message>
        <source>全部层级</source>
        <translation>All levels</translation>
    </message>
    <message>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>新增代表</source>
        <translation>Add deputy</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>更换照片…</source>
        <translation>Change photo…</translation>
    </message>
    <message>
        <source>变更状态…</source>
        <translation>Change status…</translation>
    </message>
    <message>
        <source>打印公示牌…</source>
        <translation>Print board…</translation>
    </message>
    <message>
        <source>从 Excel 导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>代表层级</source>
        <translation>Levels</translation>
    </message>
    <message>
        <source>选区</source>
        <translation>Constituency</translation>
    </message>
    <message>
        <source>单位及职务</source>
        <translation>Unit and post</translation>
    </message>
    <message>
        <source>下次值班</source>
        <translation>Next duty</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>共 {n} 名</source>
        <translation>{n} deputies</translation>
    </message>
    <message>
        <source>已保存 {name} 的信息。</source>
        <translation>Saved {name}.</translation>
    </message>
    <message>
        <source>请先在左边选择一位代表。</source>
        <translation>Select a deputy on the left first.</translation>
    </message>
    <message>
        <source>选择代表照片</source>
        <translation>Choose the deputy&apos;s photo</translation>
    </message>
    <message>
        <source>图片 (*.jpg *.jpeg *.png *.bmp *.webp)</source>
        <translation>Images (*.jpg *.jpeg *.png *.bmp *.webp)</translation>
    </message>
    <message>
        <source>无法读取这个文件：{path}</source>
        <translation>Cannot read this file: {path}</translation>
    </message>
    <message>
        <source>照片已更新。</source>
        <translation>Photo updated.</translation>
    </message>
    <message>
        <source>{name} 的状态已改为{status}。</source>
        <translation>{name} is now {status}.</translation>
    </message>
</context>
<context>
    <name>RotationDialog</name>
    <message>
        <source>生成轮值</source>
        <translation>Make rotation</translation>
    </message>
    <message>
        <source>{month}：所选代表在所选的星期几轮流值班，排得少的先排。已有的安排保持不变。先预览，确认后保存。</source>
        <translation>{month}: the chosen deputies take turns on the chosen weekdays, those with fewer shifts first. Existing shifts stay. Preview first, then save.</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>All</translation>
    </message>
    <message>
        <source>全不选</source>
        <translation>None</translation>
    </message>
    <message>
        <source>值班代表（按名单顺序轮流）</source>
        <translation>Deputies (in turn, in list order)</translation>
    </message>
    <message>
        <source> 人</source>
        <translation> people</translation>
    </message>
    <message>
        <source>星期</source>
        <translation>Weekdays</translation>
    </message>
    <message>
        <source>时段</source>
        <translation>Half-day</translation>
    </message>
    <message>
        <source>每班人数</source>
        <translation>Deputies per shift</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>点“预览”查看将要添加的班次。</source>
        <translation>Click “Preview” to see the shifts to be added.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请至少选择一个时段。</source>
        <translation>Choose at least one half-day.</translation>
    </message>
    <message>
        <source>设置已改动，请重新预览。</source>
        <translation>The settings changed: preview again.</translation>
    </message>
    <message>
        <source>请至少选择一位值班代表。</source>
        <translation>Choose at least one deputy.</translation>
    </message>
    <message>
        <source>请至少选择一天（星期几）。</source>
        <translation>Choose at least one weekday.</translation>
    </message>
    <message>
        <source>没有需要添加的班次：所选日期已经排满，或这个月没有所选的星期几。</source>
        <translation>No shifts to add: the chosen days are already filled, or the month has none of the chosen weekdays.</translation>
    </message>
    <message>
        <source>{day} {half} {name}</source>
        <translation>{day} {half} {name}</translation>
    </message>
    <message>
        <source>……</source>
        <translation>…</translation>
    </message>
    <message>
        <source>将添加 {n} 个班次：</source>
        <translation>{n} shifts will be added:</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>履职积分规则</source>
        <translation>Performance points rules</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>年度任务（0 为不设）</source>
        <translation>Yearly quota (0 = none)</translation>
    </message>
    <message>
        <source>每项积分</source>
        <translation>Points each</translation>
    </message>
    <message>
        <source>默认值按洛阳市要求：每年走访企业不少于 5 次、接待群众不少于 10 人次、形成建议不少于 6 件。年度任务按所选期间的长短折算。</source>
        <translation>Defaults follow Luoyang: at least 5 enterprise visits, 10 residents and 6 suggestions a year. Quotas are scaled to the chosen period.</translation>
    </message>
    <message>
        <source>恢复默认</source>
        <translation>Restore defaults</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
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
    <name>ShiftRow</name>
    <message>
        <source>{half} {name}</source>
        <translation>{half} {name}</translation>
    </message>
    <message>
        <source>说明：{note}</source>
        <translation>Note: {note}</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>签退</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>缺席…</source>
        <translation>Absent…</translation>
    </message>
    <message>
        <source>撤销…</source>
        <translation>Undo…</translation>
    </message>
    <message>
        <source>缺席</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>已签退 {time}</source>
        <translation>Signed out {time}</translation>
    </message>
    <message>
        <source>已签到 {time}</source>
        <translation>Signed in {time}</translation>
    </message>
    <message>
        <source>未签到</source>
        <translation>Not signed in</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>选填，印在回执上</source>
        <translation>Optional; printed on receipts</translation>
    </message>
    <message>
        <source>至少 8 个字符，可以用汉字；不要用生日、123456 之类常见密码</source>
        <translation>At least 8 characters, Chinese allowed; avoid birthdays, 123456 and other common passwords</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Staff number</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>再输一次密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <source>联络站工作台</source>
        <translation>StationDesk</translation>
    </message>
    <message>
        <source>请登录。</source>
        <translation>Please sign in.</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>创建站点管理员账号</source>
        <translation>Create the station administrator account</translation>
    </message>
    <message>
        <source>本机还没有管理员。管理员可以添加工作人员和代表的账号、恢复备份、修改设置。请牢记密码。</source>
        <translation>This PC has no administrator yet. The administrator adds accounts for staff and deputies, restores backups and changes settings. Keep the password safe.</translation>
    </message>
    <message>
        <source>创建并登录</source>
        <translation>Create and sign in</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>较长时间没有操作，已自动锁定。{user} 输入密码即可继续，未保存的内容还在。</source>
        <translation>Locked after a while without input. {user}, enter your password to continue; unsaved work is kept.</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>两次输入的密码不一样，请重新输入。</source>
        <translation>The two passwords differ. Please type them again.</translation>
    </message>
</context>
<context>
    <name>StationStatusBar</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>{name}（{code}）· 本机 {device:02d}</source>
        <translation>{name} ({code}) · device {device:02d}</translation>
    </message>
    <message>
        <source>当前用户：{name}（{role}）</source>
        <translation>Signed in: {name} ({role})</translation>
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
    <name>StatisticsPage</name>
    <message>
        <source>人次</source>
        <translation>people</translation>
    </message>
    <message>
        <source>条</source>
        <translation>issues</translation>
    </message>
    <message>
        <source>件</source>
        <translation>items</translation>
    </message>
    <message>
        <source>按问题类别</source>
        <translation>By category</translation>
    </message>
    <message>
        <source>按网格</source>
        <translation>By grid</translation>
    </message>
    <message>
        <source>按来访方式</source>
        <translation>By channel</translation>
    </message>
    <message>
        <source>按办理方式</source>
        <translation>By handling</translation>
    </message>
    <message>
        <source>按代表</source>
        <translation>By deputy</translation>
    </message>
    <message>
        <source>按承办单位</source>
        <translation>By handling unit</translation>
    </message>
    <message>
        <source>统计报表</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>统计口径</source>
        <translation>How figures are counted</translation>
    </message>
    <message>
        <source>每项数字怎么统计</source>
        <translation>How each figure is counted</translation>
    </message>
    <message>
        <source>月报 PDF…</source>
        <translation>Monthly report PDF…</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>征集件数</source>
        <translation>Collected</translation>
    </message>
    <message>
        <source>办结件数</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>双击数字查看明细</source>
        <translation>Double-click a number for details</translation>
    </message>
    <message>
        <source>点击柱条查看当月明细。</source>
        <translation>Click a bar for that month&apos;s details.</translation>
    </message>
    <message>
        <source>分类统计</source>
        <translation>Breakdown</translation>
    </message>
    <message>
        <source>月度趋势</source>
        <translation>Monthly trend</translation>
    </message>
    <message>
        <source>结束日期不能早于开始日期。</source>
        <translation>The end date cannot be earlier than the start date.</translation>
    </message>
    <message>
        <source>其余 {n} 项</source>
        <translation>{n} others</translation>
    </message>
    <message>
        <source>{month}月</source>
        <translation>Month {month}</translation>
    </message>
    <message>
        <source>{year}年{month}月</source>
        <translation>{month}/{year}</translation>
    </message>
    <message>
        <source>{start} 至 {end} 各月</source>
        <translation>Months from {start} to {end}</translation>
    </message>
    <message>
        <source>{figure}：明细</source>
        <translation>{figure}: details</translation>
    </message>
    <message>
        <source>{group}“{name}”：{figure}</source>
        <translation>{group} “{name}”: {figure}</translation>
    </message>
    <message>
        <source>{year}年{month}月：{figure}</source>
        <translation>{month}/{year}: {figure}</translation>
    </message>
    <message>
        <source>统计月报</source>
        <translation>Monthly statistics report</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出统计报表…</source>
        <translation>Exporting statistics…</translation>
    </message>
    <message>
        <source>已导出到 {path}</source>
        <translation>Exported to {path}</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>变更代表状态</source>
        <translation>Change deputy status</translation>
    </message>
    <message>
        <source>如：调往县城工作（选填）</source>
        <translation>e.g. moved to a post in the county town (optional)</translation>
    </message>
    <message>
        <source>变更为</source>
        <translation>Change to</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>届满或调离后，这位代表此后未签到的值班会一并取消。</source>
        <translation>When a deputy&apos;s term ends or they transfer, their later shifts not yet signed on are cancelled too.</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>SuggestionForm</name>
    <message>
        <source>提出代表</source>
        <translation>Deputy</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>关于{topic}的建议</source>
        <translation>Suggestion on {topic}</translation>
    </message>
    <message>
        <source>建议标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>群众诉求：{demand}</source>
        <translation>Resident&apos;s demand: {demand}</translation>
    </message>
    <message>
        <source>建议内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>提交至</source>
        <translation>Submitted to</translation>
    </message>
    <message>
        <source>例如：县人大常委会代表工委</source>
        <translation>e.g. County People&apos;s Congress deputy affairs committee</translation>
    </message>
</context>
<context>
    <name>SwapDialog</name>
    <message>
        <source>调换值班</source>
        <translation>Swap shifts</translation>
    </message>
    <message>
        <source>{shift} 与下面所选的班次互换值班代表。</source>
        <translation>{shift} exchanges deputies with the shift chosen below.</translation>
    </message>
    <message>
        <source>调换</source>
        <translation>Swap</translation>
    </message>
    <message>
        <source>与</source>
        <translation>With</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>县级有 {n} 条记录比本机新（本机可能从旧备份恢复过），请联系县级核对。</source>
        <translation>The county holds {n} records newer than this PC (it may have been restored from an old backup); please check with the county.</translation>
    </message>
    <message>
        <source>未配置同步</source>
        <translation>Sync not set up</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>被拒绝 {n} 条</source>
        <translation>{n} refused</translation>
    </message>
    <message>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>正在上传 {done}/{total} 条</source>
        <translation>Sending {done}/{total}</translation>
    </message>
    <message>
        <source>正在与县级核对数据</source>
        <translation>Checking data with the county</translation>
    </message>
    <message>
        <source>正在上传代表照片 {n} 张</source>
        <translation>Uploading deputy photos: {n}</translation>
    </message>
    <message>
        <source>正在接收县级记录 {n} 条</source>
        <translation>Receiving {n} county records</translation>
    </message>
</context>
<context>
    <name>SyncRejects</name>
    <message>
        <source>来访记录</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>接待代表</source>
        <translation>Deputies present</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>办理过程</source>
        <translation>Handling history</translation>
    </message>
    <message>
        <source>代表建议</source>
        <translation>Deputy suggestion</translation>
    </message>
    <message>
        <source>代表</source>
        <translation>Deputy</translation>
    </message>
    <message>
        <source>代表层级</source>
        <translation>Levels</translation>
    </message>
    <message>
        <source>代表网格</source>
        <translation>Deputy&apos;s grids</translation>
    </message>
    <message>
        <source>联系选民</source>
        <translation>Linked voters</translation>
    </message>
    <message>
        <source>履职活动</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>代表状态变更</source>
        <translation>Deputy status change</translation>
    </message>
    <message>
        <source>值班安排</source>
        <translation>Duty rota</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <source>县级已有较新版本</source>
        <translation>The county has a newer version</translation>
    </message>
    <message>
        <source>同一编号的上传内容不一致</source>
        <translation>Same change number sent with different content</translation>
    </message>
    <message>
        <source>这类记录只能由县级填写</source>
        <translation>Only the county may write this kind of record</translation>
    </message>
    <message>
        <source>县级不接收这类记录</source>
        <translation>The county does not accept this kind of record</translation>
    </message>
    <message>
        <source>修改方式不正确</source>
        <translation>Wrong kind of change</translation>
    </message>
    <message>
        <source>记录编号不正确</source>
        <translation>Invalid record ID</translation>
    </message>
    <message>
        <source>记录内容不完整或格式不对</source>
        <translation>Record content incomplete or malformed</translation>
    </message>
    <message>
        <source>记录编号与内容不符</source>
        <translation>Record ID does not match its content</translation>
    </message>
    <message>
        <source>记录版本号不正确</source>
        <translation>Invalid record version</translation>
    </message>
    <message>
        <source>记录太大，县级无法接收</source>
        <translation>Record too large for the county</translation>
    </message>
</context>
<context>
    <name>SyncRejectsDialog</name>
    <message>
        <source>被县级拒绝的记录</source>
        <translation>Records refused by the county</translation>
    </message>
    <message>
        <source>记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>下列记录县级服务器没有接收，已保存在本机，不会自动重发。选中一条后：“重新上传”把本机当前的版本再发一次（县级已有的较新版本将被替换）；“忽略”不再上传，本机保留原样，须写明原因（例如已与县人大代表工委核对）。</source>
        <translation>The county server did not accept these records. They are kept on this PC and are not sent again automatically. Select one: “Send again” sends this PC’s current version once more (a newer county version is replaced); “Ignore” stops sending it and keeps it here as it is, with a reason (e.g. checked with the county deputies’ affairs office).</translation>
    </message>
    <message>
        <source>下列记录县级服务器没有接收，已保存在本机，不会自动重发。只有站点管理员可以重新上传或忽略，请告诉站点管理员处理。</source>
        <translation>The county server did not accept these records. They are kept on this PC and are not sent again automatically. Only the station administrator can send them again or ignore them; please tell the administrator.</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>没有待处理的被拒绝记录。</source>
        <translation>No refused records to deal with.</translation>
    </message>
    <message>
        <source>重新上传</source>
        <translation>Send again</translation>
    </message>
    <message>
        <source>忽略…</source>
        <translation>Ignore…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>原因代码：{code}</source>
        <translation>Reason code: {code}</translation>
    </message>
    <message>
        <source>本机已没有这条记录，或这类记录由县级维护：只能忽略。</source>
        <translation>This PC no longer has this record, or the county maintains this kind of record: it can only be ignored.</translation>
    </message>
    <message>
        <source>县级已有这条记录的较新版本（另一台电脑或县级改过）。</source>
        <translation>The county has a newer version of this record (changed on another PC or by the county).</translation>
    </message>
    <message>
        <source>重新上传后，县级的版本将被本机当前的版本替换。确定吗？</source>
        <translation>Sending again replaces the county’s version with this PC’s current version. Continue?</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已重新排队上传，下次同步时发送到县级。</source>
        <translation>Queued again; it goes to the county with the next sync.</translation>
    </message>
    <message>
        <source>这条记录已在待上传队列中，下次同步时发送到县级。</source>
        <translation>This record is already queued; it goes to the county with the next sync.</translation>
    </message>
    <message>
        <source>忽略这条记录</source>
        <translation>Ignore this record</translation>
    </message>
    <message>
        <source>{kind}（{record}）将不再上传，本机保留原样。请写明原因。</source>
        <translation>{kind} ({record}) will no longer be sent and stays on this PC as it is. Please give the reason.</translation>
    </message>
    <message>
        <source>忽略</source>
        <translation>Ignore</translation>
    </message>
    <message>
        <source>必填，例如：已与县级核对，县级的版本正确</source>
        <translation>Required, e.g.: checked with the county, their version is right</translation>
    </message>
    <message>
        <source>已忽略这条记录，原因已记入审计日志。</source>
        <translation>The record is ignored; the reason is in the audit log.</translation>
    </message>
</context>
<context>
    <name>SyncSettingsDialog</name>
    <message>
        <source>同步设置</source>
        <translation>Sync settings</translation>
    </message>
    <message>
        <source>与县级服务器同步</source>
        <translation>Sync with the county server</translation>
    </message>
    <message>
        <source>本站的接待、问题和办理记录上传到县人大常委会代表工委的服务器；县级的答复和交办会传回本机，显示在问题的办理过程中（标“县级”）。</source>
        <translation>This station&apos;s visits, issues and handling records are sent to the server of the county people&apos;s congress deputies&apos; affairs office; the county&apos;s replies and referrals come back to this PC and show in each issue&apos;s handling history (marked “County”).</translation>
    </message>
    <message>
        <source>https://县级服务器地址</source>
        <translation>https://county-server-address</translation>
    </message>
    <message>
        <source>不选则使用系统自带的证书</source>
        <translation>If none is chosen, the system&apos;s certificates are used</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>粘贴县级下发的本机令牌</source>
        <translation>Paste this PC&apos;s token from the county</translation>
    </message>
    <message>
        <source>由县人大代表工委提供，必须以 https:// 开头。</source>
        <translation>Provided by the county deputies&apos; affairs office; must start with https://.</translation>
    </message>
    <message>
        <source>县级提供的 CA 证书（PEM 文件），保存时复制到数据文件夹。</source>
        <translation>The CA certificate from the county (a PEM file); copied into the data folder when saved.</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>CA 证书</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <source>本机令牌</source>
        <translation>This PC&apos;s token</translation>
    </message>
    <message>
        <source>恢复同步</source>
        <translation>Resume sync</translation>
    </message>
    <message>
        <source>数据库从备份恢复后同步会暂停；核对无误后点这里继续同步。</source>
        <translation>Sync pauses after the database is restored from a backup; once checked, click here to go on syncing.</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>保存并测试</source>
        <translation>Save and test</translation>
    </message>
    <message>
        <source>当前状态：{state}</source>
        <translation>Status: {state}</translation>
    </message>
    <message>
        <source>待上传 {pending} 条；被县级拒绝 {rejects} 条。</source>
        <translation>{pending} waiting to be sent; {rejects} refused by the county.</translation>
    </message>
    <message>
        <source>在此之前不能保存同步设置。</source>
        <translation>Until then the sync settings cannot be saved.</translation>
    </message>
    <message>
        <source>已保存在系统钥匙串中，不再显示。更换服务器地址或令牌时，请重新粘贴令牌。</source>
        <translation>Kept in the system keyring and never shown again. To change the server address or token, paste the token again.</translation>
    </message>
    <message>
        <source>由县人大代表工委下发，只保存在系统钥匙串中，保存后不再显示。</source>
        <translation>Issued by the county deputies&apos; affairs office; kept only in the system keyring and never shown again after saving.</translation>
    </message>
    <message>
        <source>选择县级 CA 证书</source>
        <translation>Choose the county CA certificate</translation>
    </message>
    <message>
        <source>证书文件 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation>Certificate files (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <source>请粘贴县级下发的本机令牌。</source>
        <translation>Paste this PC&apos;s token issued by the county.</translation>
    </message>
    <message>
        <source>已保存，正在测试连接…</source>
        <translation>Saved; testing the connection…</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>连接成功：县级服务器认可了本机令牌。记录会在一分钟内开始同步。</source>
        <translation>Connected: the county server accepts this PC&apos;s token. Records start syncing within a minute.</translation>
    </message>
    <message>
        <source>已恢复同步。</source>
        <translation>Sync resumed.</translation>
    </message>
</context>
<context>
    <name>TextBox</name>
    <message>
        <source>{length}/{limit}，超出 {over} 字，请删减后再保存</source>
        <translation>{length}/{limit}: {over} characters too many, shorten it before saving</translation>
    </message>
</context>
<context>
    <name>TimelineItem</name>
    <message>
        <source>县级</source>
        <translation>County</translation>
    </message>
    <message>
        <source>县人大常委会</source>
        <translation>County People&apos;s Congress</translation>
    </message>
    <message>
        <source>未记录</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>经办：{actor}</source>
        <translation>By: {actor}</translation>
    </message>
</context>
<context>
    <name>WorkList</name>
    <message>
        <source>{title}（{n}）</source>
        <translation>{title} ({n})</translation>
    </message>
    <message>
        <source>还有 {n} 件，请到“办理跟踪”查看</source>
        <translation>{n} more — see Case tracking</translation>
    </message>
</context>
<context>
    <name>cases</name>
    <message>
        <source>待办理</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已办结，待回访</source>
        <translation>Closed, awaiting callback</translation>
    </message>
    <message>
        <source>不满意，待重新督办</source>
        <translation>Unsatisfied, to be reopened</translation>
    </message>
    <message>
        <source>已回访闭环</source>
        <translation>Called back, loop closed</translation>
    </message>
    <message>
        <source>已合并</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>现场办结</source>
        <translation>Settled on the spot</translation>
    </message>
    <message>
        <source>联络站督办</source>
        <translation>Supervised by the station</translation>
    </message>
    <message>
        <source>形成建议交办</source>
        <translation>Deputy suggestion</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>Basically satisfied</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Unsatisfied</translation>
    </message>
    <message>
        <source>来访</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone call</translation>
    </message>
    <message>
        <source>扫码</source>
        <translation>QR code</translation>
    </message>
    <message>
        <source>网格员/民情联络员转来</source>
        <translation>Referred by a grid worker</translation>
    </message>
    <message>
        <source>12345热线转来</source>
        <translation>Referred by the 12345 hotline</translation>
    </message>
    <message>
        <source>代表走访收集</source>
        <translation>Collected by a deputy</translation>
    </message>
    <message>
        <source>信件</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>流动工作站</source>
        <translation>Mobile station</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>交办</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>办理进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>转为代表建议</source>
        <translation>Made a deputy suggestion</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Call-back</translation>
    </message>
    <message>
        <source>重新督办</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>调整办理期限</source>
        <translation>Due date changed</translation>
    </message>
    <message>
        <source>县级答复</source>
        <translation>County reply</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>补打回执</source>
        <translation>Receipt reprinted</translation>
    </message>
    <message>
        <source>合并重复</source>
        <translation>Merged as duplicate</translation>
    </message>
    <message>
        <source>电话回访</source>
        <translation>By phone</translation>
    </message>
    <message>
        <source>上门回访</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <source>来站当面回访</source>
        <translation>In person at the station</translation>
    </message>
    <message>
        <source>其他方式</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>duty</name>
    <message>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>上午</source>
        <translation>AM</translation>
    </message>
    <message>
        <source>下午</source>
        <translation>PM</translation>
    </message>
    <message>
        <source>全天</source>
        <translation>All day</translation>
    </message>
    <message>
        <source>{year}年{month}月</source>
        <translation>{month}/{year}</translation>
    </message>
    <message>
        <source>{month}月{day}日 {weekday}</source>
        <translation>{weekday} {month}/{day}</translation>
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
        <source>查询网址应以 http:// 或 https:// 开头。</source>
        <translation>The query address must start with http:// or https://.</translation>
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
        <source>所选的承办单位、代表或建议已不存在，请重新选择。</source>
        <translation>The chosen department, deputy or suggestion no longer exists; please choose again.</translation>
    </message>
    <message>
        <source>您的账号没有这项操作的权限。</source>
        <translation>Your account may not do this.</translation>
    </message>
    <message>
        <source>只能查看自己登记的来访群众的完整信息，请联系站点管理员。</source>
        <translation>You can see full details only of visitors you registered. Ask the station administrator.</translation>
    </message>
    <message>
        <source>用户名或密码不对。</source>
        <translation>Wrong username or password.</translation>
    </message>
    <message>
        <source>密码连续输错多次，请 {seconds} 秒后再试，或请站点管理员解锁。</source>
        <translation>Too many wrong passwords. Try again in {seconds} s, or ask the station administrator to unlock the account.</translation>
    </message>
    <message>
        <source>这个账号已停用。</source>
        <translation>This account is disabled.</translation>
    </message>
    <message>
        <source>请先登录。</source>
        <translation>Please sign in first.</translation>
    </message>
    <message>
        <source>本机已经有管理员账号，请登录。</source>
        <translation>This PC already has an administrator. Please sign in.</translation>
    </message>
    <message>
        <source>密码太短：至少 {min_len} 个字符。</source>
        <translation>Password too short: at least {min_len} characters.</translation>
    </message>
    <message>
        <source>密码太长：最多 {max_len} 个字符。</source>
        <translation>Password too long: at most {max_len} characters.</translation>
    </message>
    <message>
        <source>这个密码太常见或和用户名、姓名太接近，请换一个。</source>
        <translation>This password is too common or too close to the username or name. Choose another.</translation>
    </message>
    <message>
        <source>用户名用 2–32 个字母、数字、汉字、“.”、“-”或“_”，不能有空格。</source>
        <translation>Usernames have 2–32 letters, digits, Chinese characters, &apos;.&apos;, &apos;-&apos; or &apos;_&apos;, no spaces.</translation>
    </message>
    <message>
        <source>这个用户名已经有人用了。</source>
        <translation>This username is taken.</translation>
    </message>
    <message>
        <source>没有这个用户。</source>
        <translation>No such user.</translation>
    </message>
    <message>
        <source>应在 {low} 到 {high} 之间。</source>
        <translation>Must be between {low} and {high}.</translation>
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
        <source>姓名只能用汉字或字母，可带“·”、空格、“&apos;”或“-”，不能有数字或其他符号。</source>
        <translation>A name may only contain Chinese characters or letters, with “·”, spaces, “&apos;” or “-”; no digits or other symbols.</translation>
    </message>
    <message>
        <source>电话号码不对：请填 11 位手机号，或带区号的固定电话，例如 0379-63912345。</source>
        <translation>The phone number is not valid: enter an 11-digit mobile number or a landline with its area code, e.g. 0379-63912345.</translation>
    </message>
    <message>
        <source>这里需要手机号码（11 位，以 1 开头），不能填固定电话。</source>
        <translation>A mobile number (11 digits starting with 1) is needed here, not a landline.</translation>
    </message>
    <message>
        <source>身份证号格式不对：应为 18 位，前 17 位是数字，最后一位是数字或 X。</source>
        <translation>The ID number is not in the right format: 18 characters, 17 digits followed by a digit or X.</translation>
    </message>
    <message>
        <source>身份证号最后一位校验码对不上，请逐位核对。</source>
        <translation>The ID number&apos;s check character does not match; check it digit by digit.</translation>
    </message>
    <message>
        <source>身份证号中的出生日期不对，请核对第 7 到 14 位。</source>
        <translation>The date of birth in the ID number is not valid; check characters 7 to 14.</translation>
    </message>
    <message>
        <source>这是 15 位的旧身份证号，请填写 18 位的新号码。</source>
        <translation>This is an old 15-digit ID number; enter the new 18-character number.</translation>
    </message>
    <message>
        <source>来访人数应在 1 到 10000 之间。</source>
        <translation>The number of people must be between 1 and 10000.</translation>
    </message>
    <message>
        <source>请至少登记一个反映的问题。</source>
        <translation>Register at least one issue.</translation>
    </message>
    <message>
        <source>一次来访最多登记 {max} 个问题，请分成几次登记。</source>
        <translation>At most {max} issues can be registered per visit; split them over several registrations.</translation>
    </message>
    <message>
        <source>这个问题类别已不在类别表中，请重新选择。</source>
        <translation>This category is no longer in the category list; pick another one.</translation>
    </message>
    <message>
        <source>没有找到案件 {case}，请核对案件编号。</source>
        <translation>Case {case} was not found; check the case number.</translation>
    </message>
    <message>
        <source>请输入要查找的内容：案件编号、姓名、电话（全号或后 4 位）或问题中的文字。</source>
        <translation>Enter something to find: a case number, a name, a phone number (full or last 4 digits) or words from the issue.</translation>
    </message>
    <message>
        <source>不能把案件合并到它自己，请填写另一件（主案件）的编号。</source>
        <translation>A case cannot be merged into itself. Enter the number of the other (primary) case.</translation>
    </message>
    <message>
        <source>这件案件本身已合并到其他案件，请填写最终的主案件编号。</source>
        <translation>That case is itself merged into another one. Enter the final primary case number.</translation>
    </message>
    <message>
        <source>请从列表中选择一项。</source>
        <translation>Please choose an entry from the list.</translation>
    </message>
    <message>
        <source>案件现在的状态不能做这项操作，可能已有人处理过。请关闭后重新打开案件查看。</source>
        <translation>The case&apos;s current state does not allow this; someone may have handled it already. Close and reopen the case to see.</translation>
    </message>
    <message>
        <source>填写的内容不完整或格式不对。</source>
        <translation>Something is missing or in the wrong format.</translation>
    </message>
    <message>
        <source>请选择群众的满意度。</source>
        <translation>Please choose the resident&apos;s rating.</translation>
    </message>
    <message>
        <source>请选择要更正的项目。</source>
        <translation>Please choose what to correct.</translation>
    </message>
    <message>
        <source>请至少填写一个代表层级（全国、省、市、县、乡镇）及届次。</source>
        <translation>Give at least one level (national, provincial, city, county, township) with its term.</translation>
    </message>
    <message>
        <source>同一层级只能填写一次。</source>
        <translation>Each level can be given only once.</translation>
    </message>
    <message>
        <source>代表现在就是这个状态，不需要变更。</source>
        <translation>The deputy already has this status; nothing to change.</translation>
    </message>
    <message>
        <source>无法读取这张照片，请选择 JPG 或 PNG 格式的图片。</source>
        <translation>This photo cannot be read. Choose a JPG or PNG picture.</translation>
    </message>
    <message>
        <source>照片文件太大（超过 {max_mb} MB），请换一张较小的照片。</source>
        <translation>The photo file is too large (over {max_mb} MB). Choose a smaller one.</translation>
    </message>
    <message>
        <source>照片太小（短边不足 {min_side} 像素），打印出来会模糊，请换一张清晰的照片。</source>
        <translation>The photo is too small (short side under {min_side} pixels) and would print blurred. Choose a sharper one.</translation>
    </message>
    <message>
        <source>这位代表在这个时段已经有值班安排了。</source>
        <translation>This deputy already has a shift in this half-day.</translation>
    </message>
    <message>
        <source>所选代表不在任（届满或调离），不能安排值班。</source>
        <translation>The chosen deputy is no longer serving (term ended or transferred) and cannot be put on duty.</translation>
    </message>
    <message>
        <source>这个班次已经签到或已取消，不能再调整。如签到有误，请先撤销。</source>
        <translation>This shift is signed in or cancelled and can no longer be changed. If the sign-in was a mistake, undo it first.</translation>
    </message>
    <message>
        <source>请选择两位不同代表的班次进行调换。</source>
        <translation>Choose shifts of two different deputies to swap.</translation>
    </message>
    <message>
        <source>迟到或补签需要填写说明。</source>
        <translation>A late or after-the-fact sign-in needs a note.</translation>
    </message>
    <message>
        <source>这位代表这个班次已经签到或记为缺席了。</source>
        <translation>This deputy is already signed in or marked absent for this shift.</translation>
    </message>
    <message>
        <source>还没有签到，或已经签退过了。</source>
        <translation>Not signed in yet, or already signed out.</translation>
    </message>
    <message>
        <source>这个班次没有可以撤销的签到记录。</source>
        <translation>This shift has no attendance mark to undo.</translation>
    </message>
    <message>
        <source>日期不能晚于今天。</source>
        <translation>The date cannot be later than today.</translation>
    </message>
    <message>
        <source>积分规则不完整，请恢复默认后再修改。</source>
        <translation>The scoring rules are incomplete. Restore the defaults, then edit them.</translation>
    </message>
    <message>
        <source>结束日期不能早于开始日期。</source>
        <translation>The end date cannot be earlier than the start date.</translation>
    </message>
    <message>
        <source>这位代表的信息刚被别人改过，这次没有保存。您填写的内容还在，请记下后关闭，重新打开再改。</source>
        <translation>Someone else has just changed this deputy, so this was not saved. What you typed is still here: note it, close, reopen and change again.</translation>
    </message>
    <message>
        <source>时间格式不对。</source>
        <translation>The time is not valid.</translation>
    </message>
    <message>
        <source>已取消，没有写入任何内容。</source>
        <translation>Cancelled; nothing was written.</translation>
    </message>
    <message>
        <source>没有这种台账。</source>
        <translation>No such ledger.</translation>
    </message>
    <message>
        <source>这份台账有 {rows} 行，超过打印上限 {limit} 行。请缩短期间，或导出 Excel。</source>
        <translation>This ledger has {rows} rows, over the print limit of {limit}. Shorten the period or export to Excel.</translation>
    </message>
    <message>
        <source>时间不能晚于现在。</source>
        <translation>The time cannot be later than now.</translation>
    </message>
    <message>
        <source>签退时间不能早于签到时间。</source>
        <translation>Sign-out cannot be earlier than sign-in.</translation>
    </message>
    <message>
        <source>月份应写成 YYYY-MM（例：2026-12），年份在 2000–2100 之间。</source>
        <translation>Write the month as YYYY-MM (e.g. 2026-12), with a year from 2000 to 2100.</translation>
    </message>
    <message>
        <source>没有“{name}”这个字段。</source>
        <translation>There is no field “{name}”.</translation>
    </message>
    <message>
        <source>表头中没有“{name}”这一列。</source>
        <translation>The headers have no column “{name}”.</translation>
    </message>
    <message>
        <source>第 {column} 列不在表格中。</source>
        <translation>Column {column} is not in the sheet.</translation>
    </message>
    <message>
        <source>“{name}”对应到了两列，请只保留一列。</source>
        <translation>“{name}” is mapped to two columns; keep only one.</translation>
    </message>
    <message>
        <source>列的对应写法不对：“{name}”。</source>
        <translation>Column mapping not written correctly: “{name}”.</translation>
    </message>
    <message>
        <source>这台电脑没有可用的系统钥匙串（Windows 凭据管理器或 Linux Secret Service），令牌无法安全保存，因此不能同步。请在系统中启用钥匙串后重新设置；程序不会把令牌写进文件。</source>
        <translation>This PC has no system keyring (Windows Credential Manager or the Linux Secret Service), so the token cannot be kept safely and sync is not possible. Enable a keyring and set up again; the program never writes the token to a file.</translation>
    </message>
    <message>
        <source>检测到不安全的钥匙串（{backend}，把密码存成普通文件），不能保存同步令牌。</source>
        <translation>An unsafe keyring was found ({backend}, which stores passwords in a plain file); the sync token cannot be stored.</translation>
    </message>
    <message>
        <source>系统钥匙串出错（{error}），令牌没有保存或读取成功。</source>
        <translation>The system keyring failed ({error}); the token was not stored or read.</translation>
    </message>
    <message>
        <source>钥匙串里没有本机的同步令牌，请站点管理员在同步设置中重新填写令牌。</source>
        <translation>The keyring holds no sync token for this PC. The station admin must enter the token again in the sync settings.</translation>
    </message>
    <message>
        <source>令牌格式不对：请完整粘贴县级下发的令牌（至少 22 个字母、数字或符号）。</source>
        <translation>The token is malformed: paste the whole token issued by the county (at least 22 letters, digits or symbols).</translation>
    </message>
    <message>
        <source>服务器地址应以 https:// 开头（例：https://sync.example.gov.cn）。</source>
        <translation>The server address must start with https:// (e.g. https://sync.example.gov.cn).</translation>
    </message>
    <message>
        <source>CA 证书文件无法使用（{path}）：请选择县级提供的 PEM 格式证书。</source>
        <translation>The CA certificate file cannot be used ({path}): choose the PEM certificate provided by the county.</translation>
    </message>
    <message>
        <source>还没有设置县级服务器，请站点管理员先在同步设置中填写服务器地址和令牌。</source>
        <translation>No county server is set up yet. The station admin must first enter the server address and token in the sync settings.</translation>
    </message>
    <message>
        <source>这是演示数据库，里面的记录不能同步到县里。</source>
        <translation>This is a demo database; its records cannot be synced to the county.</translation>
    </message>
    <message>
        <source>数据库刚从备份恢复，同步已暂停，请站点管理员核对后再恢复同步。</source>
        <translation>The database was just restored from a backup, so sync is paused. The station admin must check and then resume sync.</translation>
    </message>
    <message>
        <source>另一个程序正在同步这个数据库，请稍后再试。</source>
        <translation>Another program is syncing this database. Try again later.</translation>
    </message>
    <message>
        <source>上次同步失败，{seconds} 秒后自动重试；也可以点“立即同步”。</source>
        <translation>The last sync failed; it retries automatically in {seconds} s, or click “Sync now”.</translation>
    </message>
    <message>
        <source>自动同步已停止（{reason}）：请先处理后再点“立即同步”。</source>
        <translation>Automatic sync has stopped ({reason}): resolve this, then click “Sync now”.</translation>
    </message>
    <message>
        <source>连不上县级服务器（网络不通或服务器未开），数据已保存在本机，稍后自动重试。</source>
        <translation>Cannot reach the county server (no network, or the server is down). The data is saved on this PC; sync retries automatically.</translation>
    </message>
    <message>
        <source>县级服务器响应超时，稍后自动重试。</source>
        <translation>The county server timed out; sync retries automatically.</translation>
    </message>
    <message>
        <source>县级服务器正忙，稍后自动重试。</source>
        <translation>The county server is busy; sync retries automatically.</translation>
    </message>
    <message>
        <source>县级服务器出错（{status}），稍后自动重试。</source>
        <translation>The county server had an error ({status}); sync retries automatically.</translation>
    </message>
    <message>
        <source>县级服务器的回复不完整，稍后自动重试。</source>
        <translation>The county server&apos;s reply was incomplete; sync retries automatically.</translation>
    </message>
    <message>
        <source>县级服务器拒绝了这次请求（{status}），稍后自动重试；如反复出现请联系县人大代表工委。</source>
        <translation>The county server refused the request ({status}); sync retries automatically. If this keeps happening, contact the county deputies&apos; affairs office.</translation>
    </message>
    <message>
        <source>县级服务器不认这台电脑的令牌（可能已被停用），自动同步已停止，记录仍保存在本机。请向县人大代表工委申请新令牌，在同步设置中重新填写。</source>
        <translation>The county server does not accept this PC&apos;s token (it may have been revoked). Automatic sync has stopped; the records stay on this PC. Ask the county deputies&apos; affairs office for a new token and enter it in the sync settings.</translation>
    </message>
    <message>
        <source>县级服务器数据已恢复过，正在重新接收。</source>
        <translation>The county server&apos;s data was restored; receiving everything again.</translation>
    </message>
    <message>
        <source>县级服务器已升级，本程序版本过旧，请升级联络站工作台后再同步；记录仍保存在本机。</source>
        <translation>The county server was upgraded and this version is too old. Update StationDesk before syncing; the records stay on this PC.</translation>
    </message>
    <message>
        <source>一次上传的记录太大，已自动减小批量。</source>
        <translation>One upload was too large; the batch size was reduced automatically.</translation>
    </message>
    <message>
        <source>县级服务器的证书无法验证（{reason}）：请核对服务器地址和 CA 证书。</source>
        <translation>The county server&apos;s certificate cannot be verified ({reason}): check the server address and the CA certificate.</translation>
    </message>
    <message>
        <source>县级服务器的证书不在有效期内（{reason}）：请先校准电脑的日期和时间，再同步。</source>
        <translation>The county server&apos;s certificate is outside its validity period ({reason}): correct the PC&apos;s date and time first, then sync.</translation>
    </message>
    <message>
        <source>这条被拒绝的记录已经不在了，请关闭后重新打开列表。</source>
        <translation>This refused record is gone; close and reopen the list.</translation>
    </message>
    <message>
        <source>这条被拒绝的记录已经处理过了（{at}）。</source>
        <translation>This refused record was already dealt with ({at}).</translation>
    </message>
    <message>
        <source>本机已没有这条记录（可能已按保存期限清除），不能重新上传，只能忽略。</source>
        <translation>This PC no longer has the record (it may have been purged after its retention period); it cannot be sent again, only ignored.</translation>
    </message>
    <message>
        <source>这类记录由县级维护，本机不能上传，只能忽略。</source>
        <translation>The county maintains this kind of record; this PC cannot send it, only ignore it.</translation>
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
        <source>来访群众</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>来访人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Village (community)</translation>
    </message>
    <message>
        <source>工单编号</source>
        <translation>Work order no.</translation>
    </message>
    <message>
        <source>反映问题</source>
        <translation>Issue raised</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Search</translation>
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
    <message>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>站点管理员</source>
        <translation>Station administrator</translation>
    </message>
    <message>
        <source>代表</source>
        <translation>Deputy</translation>
    </message>
    <message>
        <source>在任</source>
        <translation>Serving</translation>
    </message>
    <message>
        <source>届满</source>
        <translation>Term ended</translation>
    </message>
    <message>
        <source>调离</source>
        <translation>Transferred</translation>
    </message>
</context>
</TS>
