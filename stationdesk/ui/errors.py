"""Service error codes mapped to translated Chinese messages, and the standard error box."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from stationdesk.domain.errors import DomainError, ValidationError


def _templates() -> dict[str, str]:
    """Built on each call so the texts follow the installed translator."""
    return {
        "required": QCoreApplication.translate("errors", "此项必须填写。"),
        "too_long": QCoreApplication.translate(
            "errors", "内容过长：最多 {max_len} 个字，现在是 {length} 个字。"
        ),
        "invalid_characters": QCoreApplication.translate(
            "errors", "含有无法保存的字符，请删除后重新输入。"
        ),
        "invalid_type": QCoreApplication.translate("errors", "填写的内容格式不对。"),
        "invalid_url": QCoreApplication.translate(
            "errors", "查询网址应以 http:// 或 https:// 开头。"
        ),
        "station_code_format": QCoreApplication.translate(
            "errors", "编码格式不对：只能用数字、字母和“-”，例如 410205-01。"
        ),
        "device_no_range": QCoreApplication.translate("errors", "本机编号应在 1 到 99 之间。"),
        "station_exists": QCoreApplication.translate(
            "errors", "这个数据文件夹已经设置过联络站，不能重复设置。"
        ),
        "disk_full": QCoreApplication.translate(
            "errors", "磁盘已满，这次没有保存成功。请清理磁盘后再试，已填写的内容仍然保留。"
        ),
        "low_disk_space": QCoreApplication.translate(
            "errors", "磁盘剩余空间不足，为保护已保存的数据，暂时不能新建记录。请先清理磁盘。"
        ),
        "db_newer_than_app": QCoreApplication.translate(
            "errors", "数据库是由更新版本的联络站工作台创建的，请先升级本程序。"
        ),
        "db_corrupt": QCoreApplication.translate(
            "errors", "数据库文件已损坏，程序没有打开它。请从备份恢复。"
        ),
        "backup_verify_failed": QCoreApplication.translate(
            "errors", "备份完成后校验没有通过，这份备份已丢弃。请稍后再试。"
        ),
        "unknown_reference": QCoreApplication.translate(
            "errors", "所选的承办单位、代表或建议已不存在，请重新选择。"
        ),
        "forbidden": QCoreApplication.translate("errors", "您的账号没有这项操作的权限。"),
        "forbidden_not_own": QCoreApplication.translate(
            "errors", "只能查看自己登记的来访群众的完整信息，请联系站点管理员。"
        ),
        "bad_credentials": QCoreApplication.translate("errors", "用户名或密码不对。"),
        "account_locked": QCoreApplication.translate(
            "errors", "密码连续输错多次，请 {seconds} 秒后再试，或请站点管理员解锁。"
        ),
        "account_disabled": QCoreApplication.translate("errors", "这个账号已停用。"),
        "not_signed_in": QCoreApplication.translate("errors", "请先登录。"),
        "admin_exists": QCoreApplication.translate("errors", "本机已经有管理员账号，请登录。"),
        "password_too_short": QCoreApplication.translate(
            "errors", "密码太短：至少 {min_len} 个字符。"
        ),
        "password_too_long": QCoreApplication.translate(
            "errors", "密码太长：最多 {max_len} 个字符。"
        ),
        "password_common": QCoreApplication.translate(
            "errors", "这个密码太常见或和用户名、姓名太接近，请换一个。"
        ),
        "username_format": QCoreApplication.translate(
            "errors", "用户名用 2–32 个字母、数字、汉字、“.”、“-”或“_”，不能有空格。"
        ),
        "username_taken": QCoreApplication.translate("errors", "这个用户名已经有人用了。"),
        "user_not_found": QCoreApplication.translate("errors", "没有这个用户。"),
        "out_of_range": QCoreApplication.translate("errors", "应在 {low} 到 {high} 之间。"),
        "backup_corrupt": QCoreApplication.translate(
            "errors", "所选的备份文件已损坏，不能用来恢复。请选择另一份备份。"
        ),
        "db_in_use": QCoreApplication.translate(
            "errors", "联络站工作台已经在这台电脑上打开了这个数据文件夹。请使用已打开的窗口。"
        ),
        "backup_not_stationdesk": QCoreApplication.translate(
            "errors", "所选文件不是联络站工作台的数据库备份，不能用来恢复。"
        ),
        "backup_other_station": QCoreApplication.translate(
            "errors", "所选备份属于另一个联络站（{backup}），本机是 {current}，没有恢复。"
        ),
        "name_characters": QCoreApplication.translate(
            "errors", "姓名只能用汉字或字母，可带“·”、空格、“'”或“-”，不能有数字或其他符号。"
        ),
        "phone_format": QCoreApplication.translate(
            "errors", "电话号码不对：请填 11 位手机号，或带区号的固定电话，例如 0379-63912345。"
        ),
        "phone_not_mobile": QCoreApplication.translate(
            "errors", "这里需要手机号码（11 位，以 1 开头），不能填固定电话。"
        ),
        "id_format": QCoreApplication.translate(
            "errors", "身份证号格式不对：应为 18 位，前 17 位是数字，最后一位是数字或 X。"
        ),
        "id_checksum": QCoreApplication.translate(
            "errors", "身份证号最后一位校验码对不上，请逐位核对。"
        ),
        "id_date": QCoreApplication.translate(
            "errors", "身份证号中的出生日期不对，请核对第 7 到 14 位。"
        ),
        "id_legacy_15": QCoreApplication.translate(
            "errors", "这是 15 位的旧身份证号，请填写 18 位的新号码。"
        ),
        "people_range": QCoreApplication.translate("errors", "来访人数应在 1 到 10000 之间。"),
        "no_issues": QCoreApplication.translate("errors", "请至少登记一个反映的问题。"),
        "too_many_issues": QCoreApplication.translate(
            "errors", "一次来访最多登记 {max} 个问题，请分成几次登记。"
        ),
        "unknown_category": QCoreApplication.translate(
            "errors", "这个问题类别已不在类别表中，请重新选择。"
        ),
        "case_not_found": QCoreApplication.translate(
            "errors", "没有找到案件 {case}，请核对案件编号。"
        ),
        "search_nothing_to_find": QCoreApplication.translate(
            "errors", "请输入要查找的内容：案件编号、姓名、电话（全号或后 4 位）或问题中的文字。"
        ),
        "merge_into_itself": QCoreApplication.translate(
            "errors", "不能把案件合并到它自己，请填写另一件（主案件）的编号。"
        ),
        "merge_into_merged": QCoreApplication.translate(
            "errors", "这件案件本身已合并到其他案件，请填写最终的主案件编号。"
        ),
        "invalid_choice": QCoreApplication.translate("errors", "请从列表中选择一项。"),
        "illegal_transition": QCoreApplication.translate(
            "errors", "案件现在的状态不能做这项操作，可能已有人处理过。请关闭后重新打开案件查看。"
        ),
        "invalid_payload": QCoreApplication.translate("errors", "填写的内容不完整或格式不对。"),
        "invalid_rating": QCoreApplication.translate("errors", "请选择群众的满意度。"),
        "invalid_correction": QCoreApplication.translate("errors", "请选择要更正的项目。"),
        "deputy_needs_level": QCoreApplication.translate(
            "errors", "请至少填写一个代表层级（全国、省、市、县、乡镇）及届次。"
        ),
        "duplicate_level": QCoreApplication.translate("errors", "同一层级只能填写一次。"),
        "status_unchanged": QCoreApplication.translate(
            "errors", "代表现在就是这个状态，不需要变更。"
        ),
        "photo_unreadable": QCoreApplication.translate(
            "errors", "无法读取这张照片，请选择 JPG 或 PNG 格式的图片。"
        ),
        "photo_too_large": QCoreApplication.translate(
            "errors", "照片文件太大（超过 {max_mb} MB），请换一张较小的照片。"
        ),
        "photo_too_small": QCoreApplication.translate(
            "errors", "照片太小（短边不足 {min_side} 像素），打印出来会模糊，请换一张清晰的照片。"
        ),
        "duty_duplicate": QCoreApplication.translate(
            "errors", "这位代表在这个时段已经有值班安排了。"
        ),
        "deputy_not_serving": QCoreApplication.translate(
            "errors", "所选代表不在任（届满或调离），不能安排值班。"
        ),
        "duty_locked": QCoreApplication.translate(
            "errors", "这个班次已经签到或已取消，不能再调整。如签到有误，请先撤销。"
        ),
        "duty_swap_same": QCoreApplication.translate(
            "errors", "请选择两位不同代表的班次进行调换。"
        ),
        "duty_late_note_required": QCoreApplication.translate("errors", "迟到或补签需要填写说明。"),
        "duty_already_marked": QCoreApplication.translate(
            "errors", "这位代表这个班次已经签到或记为缺席了。"
        ),
        "duty_not_signed_in": QCoreApplication.translate("errors", "还没有签到，或已经签退过了。"),
        "duty_nothing_to_undo": QCoreApplication.translate(
            "errors", "这个班次没有可以撤销的签到记录。"
        ),
        "date_in_future": QCoreApplication.translate("errors", "日期不能晚于今天。"),
        "rules_incomplete": QCoreApplication.translate(
            "errors", "积分规则不完整，请恢复默认后再修改。"
        ),
        "period_reversed": QCoreApplication.translate("errors", "结束日期不能早于开始日期。"),
        "edited_elsewhere": QCoreApplication.translate(
            "errors",
            "这位代表的信息刚被别人改过，这次没有保存。您填写的内容还在，请记下后关闭，重新打开再改。",
        ),
        "invalid_time": QCoreApplication.translate("errors", "时间格式不对。"),
        "cancelled": QCoreApplication.translate("errors", "已取消，没有写入任何内容。"),
        "unknown_ledger": QCoreApplication.translate("errors", "没有这种台账。"),
        "ledger_too_long_for_pdf": QCoreApplication.translate(
            "errors", "这份台账有 {rows} 行，超过打印上限 {limit} 行。请缩短期间，或导出 Excel。"
        ),
        "time_in_future": QCoreApplication.translate("errors", "时间不能晚于现在。"),
        "sign_out_before_sign_in": QCoreApplication.translate(
            "errors", "签退时间不能早于签到时间。"
        ),
        "invalid_month": QCoreApplication.translate(
            "errors", "月份应写成 YYYY-MM（例：2026-12），年份在 2000–2100 之间。"
        ),
        "register_unreadable": "{message}",  # the service's own Chinese sentence
        "register_unknown_field": QCoreApplication.translate("errors", "没有“{name}”这个字段。"),
        "register_unknown_column": QCoreApplication.translate(
            "errors", "表头中没有“{name}”这一列。"
        ),
        "register_bad_column": QCoreApplication.translate("errors", "第 {column} 列不在表格中。"),
        "register_field_twice": QCoreApplication.translate(
            "errors", "“{name}”对应到了两列，请只保留一列。"
        ),
        "register_bad_map": QCoreApplication.translate("errors", "列的对应写法不对：“{name}”。"),
        # sync
        "keyring_unavailable": QCoreApplication.translate(
            "errors",
            "这台电脑没有可用的系统钥匙串（Windows 凭据管理器或 Linux Secret Service），令牌无法"
            "安全保存，因此不能同步。请在系统中启用钥匙串后重新设置；程序不会把令牌写进文件。",
        ),
        "keyring_insecure": QCoreApplication.translate(
            "errors", "检测到不安全的钥匙串（{backend}，把密码存成普通文件），不能保存同步令牌。"
        ),
        "keyring_failed": QCoreApplication.translate(
            "errors", "系统钥匙串出错（{error}），令牌没有保存或读取成功。"
        ),
        "sync_token_missing": QCoreApplication.translate(
            "errors", "钥匙串里没有本机的同步令牌，请站点管理员在同步设置中重新填写令牌。"
        ),
        "sync_token_invalid": QCoreApplication.translate(
            "errors", "令牌格式不对：请完整粘贴县级下发的令牌（至少 22 个字母、数字或符号）。"
        ),
        "sync_url_invalid": QCoreApplication.translate(
            "errors", "服务器地址应以 https:// 开头（例：https://sync.example.gov.cn）。"
        ),
        "sync_ca_invalid": QCoreApplication.translate(
            "errors", "CA 证书文件无法使用（{path}）：请选择县级提供的 PEM 格式证书。"
        ),
        "sync_not_configured": QCoreApplication.translate(
            "errors", "还没有设置县级服务器，请站点管理员先在同步设置中填写服务器地址和令牌。"
        ),
        "sync_demo_database": QCoreApplication.translate(
            "errors", "这是演示数据库，里面的记录不能同步到县里。"
        ),
        "sync_blocked_after_restore": QCoreApplication.translate(
            "errors", "数据库刚从备份恢复，同步已暂停，请站点管理员核对后再恢复同步。"
        ),
        "sync_busy": QCoreApplication.translate(
            "errors", "另一个程序正在同步这个数据库，请稍后再试。"
        ),
        "sync_not_due": QCoreApplication.translate(
            "errors", "上次同步失败，{seconds} 秒后自动重试；也可以点“立即同步”。"
        ),
        "sync_stopped": QCoreApplication.translate(
            "errors", "自动同步已停止（{reason}）：请先处理后再点“立即同步”。"
        ),
        "sync_offline": QCoreApplication.translate(
            "errors", "连不上县级服务器（网络不通或服务器未开），数据已保存在本机，稍后自动重试。"
        ),
        "sync_timeout": QCoreApplication.translate("errors", "县级服务器响应超时，稍后自动重试。"),
        "sync_server_busy": QCoreApplication.translate("errors", "县级服务器正忙，稍后自动重试。"),
        "sync_server_error": QCoreApplication.translate(
            "errors", "县级服务器出错（{status}），稍后自动重试。"
        ),
        "sync_bad_response": QCoreApplication.translate(
            "errors", "县级服务器的回复不完整，稍后自动重试。"
        ),
        "sync_request_refused": QCoreApplication.translate(
            "errors",
            "县级服务器拒绝了这次请求（{status}），稍后自动重试；如反复出现请联系县人大代表工委。",
        ),
        "sync_auth_failed": QCoreApplication.translate(
            "errors",
            "县级服务器不认这台电脑的令牌（可能已被停用），自动同步已停止，记录仍保存在本机。请向"
            "县人大代表工委申请新令牌，在同步设置中重新填写。",
        ),
        "sync_epoch_changed": QCoreApplication.translate(
            "errors", "县级服务器数据已恢复过，正在重新接收。"
        ),
        "sync_protocol_unsupported": QCoreApplication.translate(
            "errors",
            "县级服务器已升级，本程序版本过旧，请升级联络站工作台后再同步；记录仍保存在本机。",
        ),
        "sync_too_large": QCoreApplication.translate(
            "errors", "一次上传的记录太大，已自动减小批量。"
        ),
        "sync_certificate_invalid": QCoreApplication.translate(
            "errors", "县级服务器的证书无法验证（{reason}）：请核对服务器地址和 CA 证书。"
        ),
        "sync_certificate_time": QCoreApplication.translate(
            "errors", "县级服务器的证书不在有效期内（{reason}）：请先校准电脑的日期和时间，再同步。"
        ),
        "sync_reject_not_found": QCoreApplication.translate(
            "errors", "这条被拒绝的记录已经不在了，请关闭后重新打开列表。"
        ),
        "sync_reject_resolved": QCoreApplication.translate(
            "errors", "这条被拒绝的记录已经处理过了（{at}）。"
        ),
        "sync_reject_row_gone": QCoreApplication.translate(
            "errors", "本机已没有这条记录（可能已按保存期限清除），不能重新上传，只能忽略。"
        ),
        "sync_reject_not_resendable": QCoreApplication.translate(
            "errors", "这类记录由县级维护，本机不能上传，只能忽略。"
        ),
    }


def field_label(field: str | None) -> str | None:
    """The on-screen name of a service field (station_code → 联络站编码), when we know it."""
    labels = {
        "station_code": QCoreApplication.translate("errors", "联络站编码"),
        "station_name": QCoreApplication.translate("errors", "联络站名称"),
        "county": QCoreApplication.translate("errors", "所属县（区）"),
        "device_no": QCoreApplication.translate("errors", "本机编号"),
        "visitor_name": QCoreApplication.translate("errors", "来访群众"),
        "phone": QCoreApplication.translate("errors", "联系电话"),
        "id_number": QCoreApplication.translate("errors", "身份证号"),
        "people": QCoreApplication.translate("errors", "来访人数"),
        "address": QCoreApplication.translate("errors", "住址"),
        "village": QCoreApplication.translate("errors", "村（社区）"),
        "hotline_no": QCoreApplication.translate("errors", "工单编号"),
        "issues": QCoreApplication.translate("errors", "反映问题"),
        "category_id": QCoreApplication.translate("errors", "问题类别"),
        "search": QCoreApplication.translate("errors", "查找"),
    }
    return labels.get(field or "")


def message_for(exc: BaseException) -> str:
    """A translated sentence for any exception; unknown codes keep the code for support staff."""
    if not isinstance(exc, DomainError):
        return QCoreApplication.translate(
            "errors", "发生意外错误，操作没有完成。请重试；如果反复出现，请联系技术支持。"
        )
    template = _templates().get(exc.code)
    if template is None:
        return QCoreApplication.translate(
            "errors", "操作没有完成（错误代码：{code}）。请联系技术支持。"
        ).format(code=exc.code)
    return template.format_map(defaultdict(lambda: "?", exc.params))


def message_with_field(exc: BaseException) -> str:
    """message_for, prefixed with the field's name for a validation error shown away from it."""
    text = message_for(exc)
    label = field_label(exc.field) if isinstance(exc, ValidationError) else None
    return f"{label}：{text}" if label else text


def show_error(parent: QObject | None, exc: BaseException) -> QMessageBox:
    """A non-blocking warning box with the translated message; returns the box."""
    widget = parent if isinstance(parent, QWidget) else None
    box = QMessageBox(widget)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("errors", "操作没有完成"))
    box.setText(message_with_field(exc))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText(
        QCoreApplication.translate("errors", "知道了")
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
