import { createApp } from 'vue'
import { ElLoading, ElMessage, ElMessageBox, provideGlobalConfig } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
// The base variables and the styles of what script code opens (messages, message boxes, the
// loading mask); components used in templates bring their own.
import 'element-plus/theme-chalk/base.css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/loading/style/css'
// The UI font ships with the app: Chinese renders on machines with no CJK font installed.
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'
import './styles.css'
import App from './App.vue'
import { backend, backendKey } from './api/backend'
import { makeRouter } from './router'

const app = createApp(App)
// Chinese for every component, including the message boxes opened from script code (they take
// the app's context once installed).
provideGlobalConfig({ locale: zhCn }, app, true)
app.provide(backendKey, backend).use(ElLoading).use(ElMessage).use(ElMessageBox).use(makeRouter(backend)).mount('#app')
