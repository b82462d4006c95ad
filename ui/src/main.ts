import { createApp } from 'vue'
import { ElLoading } from 'element-plus'
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

createApp(App).provide(backendKey, backend).use(ElLoading).use(makeRouter(backend)).mount('#app')
